"""Shared pytest fixtures: the collection on a path, the simulator, module runners.

Integration tests run the real module files in a subprocess (as Ansible does)
over real HTTP to the simulator; nothing of our own client is mocked.
"""

import sys

import pytest

from tests.simulator.client import API_PATHS, REPO, TOKENS, Simulator, start_simulator  # noqa: F401  pylint: disable=unused-import
from tests.simulator.runner import COLLECTIONS, LINK, ensure_collection_link, module_env, run_module  # noqa: F401  pylint: disable=unused-import


@pytest.fixture(scope='session')
def simulator():
    ensure_collection_link()
    proc, sim = start_simulator()
    yield sim
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def sim(simulator, tmp_path_factory, monkeypatch):
    simulator.reset()
    # A reset simulator is a new account: the modules' shared rate budget (rate.py) starts empty too.
    monkeypatch.setenv('EDGEOPS_CDN_RATE_DIR', str(tmp_path_factory.mktemp('rate')))
    return simulator


@pytest.fixture
def module():
    return run_module


@pytest.fixture
def zone(request, sim):
    """cdn_zone on the provider named by the test module's ``P``, with simulator credentials."""
    provider = request.module.P

    def run(check=False, diff=False, **args):
        params = sim.creds(provider)
        params.update(args)
        return run_module('cdn_zone', params, check=check, diff=diff)
    return run


# Unit tests import the collection as ansible_collections.edgeops.cdn.
if ensure_collection_link() not in sys.path:
    sys.path.insert(0, COLLECTIONS)
