"""cdn_account_info against the simulated Leaseweb CDN v2 API: no account endpoint, so the policy templates
("Get All Templates", GET policyTemplates in Leaseweb's "Developer API" listing, section "CDN") are the
account's facts and the credential check at once."""

P = 'leaseweb'


def run(sim, module, check=False, **args):
    params = sim.creds(P)
    params.update(args)
    return module('cdn_account_info', params, check=check)


def reads(sim):
    return [(e['method'], e['path'], e['query']) for e in sim.log(P)]


def test_policy_templates_are_the_account_details(sim, module):
    for check in (False, True):
        sim.clear_log()
        result = run(sim, module, check=check)
        assert result['_rc'] == 0, result
        assert result['changed'] is False and result['credentials_valid'] is True
        account = result['account']
        assert [account[k] for k in ('id', 'username', 'name', 'email', 'timezone', 'trial')] == [None] * 6
        templates = account['details']['policy_templates']
        assert [(t['id'], t['name']) for t in templates] == [
            ('pt-static01', 'Static content'), ('pt-video001', 'Video on demand'), ('pt-download', 'Large file download')]
        assert templates[1]['description'] == 'Segmented media delivery'
        assert [t['id'] for t in account['raw']['policyTemplates']] == [t['id'] for t in templates]
        assert reads(sim) == [('GET', 'policyTemplates', {'limit': '25', 'offset': '0'})]
        assert sim.mutations(P) == []


def test_a_rejected_key_is_reported_not_failed(sim, module):
    result = run(sim, module, api_token='wrong-key')
    assert result['_rc'] == 0, result
    assert result['credentials_valid'] is False and result['account'] is None
    assert '401' in result['credentials_message'] and 'not authorized' in result['credentials_message']
    assert 'wrong-key' not in result['_raw']
    assert [(m, p) for m, p, _q in reads(sim)] == [('GET', 'policyTemplates')]


def test_subaccounts_and_login_are_refused_before_any_request(sim, module):
    for args in (dict(subaccounts=True), dict(login=dict(email='a@example.com', password='secret-pw'))):
        result = run(sim, module, **args)
        assert result['_rc'] != 0 and 'Leaseweb' in result['msg'], result
        assert 'secret-pw' not in result['_raw']
    assert sim.log(P) == []
