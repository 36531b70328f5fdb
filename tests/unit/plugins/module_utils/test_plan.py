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


def test_plan_checksum_is_stable_and_covers_what_the_plan_was_computed_against():
    plan = p.Plan()
    plan.add('update', 'zone', '7', dict(cache_ttl=1200), before=dict(cache_ttl=600))
    actions = plan.as_list()
    assert '_before' not in actions[0] and plan.basis() == [dict(cache_ttl=600)]
    checksum = p.plan_checksum(actions, plan.basis())
    assert len(checksum) == 64 and int(checksum, 16) >= 0
    # Key order does not matter; the values and the basis do.
    reordered = [dict(reversed(list(actions[0].items())))]
    assert p.plan_checksum(reordered, plan.basis()) == checksum
    assert p.plan_checksum(actions, [dict(cache_ttl=1800)]) != checksum
    assert p.plan_checksum([dict(actions[0], changes=dict(cache_ttl=900))], plan.basis()) != checksum
    assert p.plan_checksum([], []) == p.plan_checksum(None) != checksum


def test_plan_basis_masks_secrets():
    plan = p.Plan()
    plan.add('update', 'origin', '1', dict(secret_key='new'), before=dict(secret_key='old'))
    assert plan.basis(secret_keys=('secret_key',)) == [dict(secret_key=REDACTED)]
