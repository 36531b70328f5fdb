# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow purges (purge.Purges): one unwrapped POST a batch, and no job to follow."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest


@pytest.mark.parametrize('kind, path, body', [
    ('purge', 'cdn_resources/7/purge.json', {'purge_paths': '/a.css\n/b.js'}),
    ('prefetch', 'cdn_resources/7/prefetch.json', {'prefetch_paths': '/a.css\n/b.js'}),
])
def test_purge_batch(adapter, kind, path, body):
    cf = adapter()
    [job] = cf.purge_batch({'id': '7'}, ['/a.css', '/b.js'], kind)
    assert cf.client.calls == [('POST', path, body)]
    assert job['done'] and job['id'] is None and job['urls'] == 2
    assert cf.purge_job(job) is job


def test_purge_all(adapter):
    cf = adapter()
    [job] = cf.purge_batch({'id': '7'}, [], 'purge_all')
    assert cf.client.calls == [('POST', 'cdn_resources/7/purge_all.json', {})] and job['urls'] is None
