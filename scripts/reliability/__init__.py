"""make reliability (python -m scripts.reliability): its cases, hostile servers, module runner and report."""
