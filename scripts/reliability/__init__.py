"""Cases and report rendering of scripts/reliability.py (issue 8)."""
