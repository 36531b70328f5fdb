"""Plans and diffs (plan.py): order, option shape, secrets masked."""

from ansible_collections.edgeops.cdn.plugins.module_utils import plan as p
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED


def test_plan_orders_deletes_updates_creates_and_redacts():
    plan = p.Plan()
    plan.add('create', 'zone', None, dict(password='s3cret'))
    plan.add('update', 'zone', '1')
    plan.add('delete', 'zone', '2')
    ordered = plan.as_list(secret_keys=('password',))
    assert [a['action'] for a in ordered] == ['delete', 'update', 'create']
    assert ordered[2]['changes']['password'] == REDACTED


def test_make_diff_uses_option_keys_and_hides_secrets():
    diff = p.make_diff(None, dict(origin='http://a', raw={'x': 1}, key='k'), ('origin', 'key'), secret_keys=('key',))
    assert diff == dict(before={}, after=dict(origin='http://a', key=REDACTED))
