"""Simulator accounts the tests, the bench and the reliability run share: each provider's zone seed, the
environment variables an AWX credential sets, and the play recap of an ansible-playbook run."""

import re

PROVIDERS = ('cloakfusion', 'cloudflow', 'cloudflare', 'ucdn', 'leaseweb')
# The variables each provider's credential comes from (docs/awx.md, the credential types).
TOKEN_ENV = dict(cloakfusion='CLOAKFUSION_API_TOKEN', cloudflow='CLOUDFLOW_API_KEY', cloudflare='CLOUDFLARE_API_TOKEN',
                 ucdn='UCDN_API_TOKEN', leaseweb='LEASEWEB_API_KEY')
USER_ENV = dict(cloudflow='CLOUDFLOW_API_USER', cloudflare='CLOUDFLARE_API_EMAIL')


def zone_seed(provider, hostnames, token=None, user=None, **cloudflare):
    """The provider's simulator seed: a zone serving each of ``hostnames``; with ``token`` (and ``user``)
    the account that credential opens (CloudFlare's users are replaced by it; ``cloudflare`` adds seed keys
    there, such as its rate_limit)."""
    if provider == 'cloakfusion':
        data = {'vhosts': [{'domain_name': h, 'origin_url': 'http://origin.example.com', 'name': h.split('.')[0]}
                           for h in hostnames]}
    elif provider == 'cloudflow':
        data = {'cdn_resources': [{'cdn_hostname': h, 'origin': 'origin.example.com'} for h in hostnames]}
        if token:
            data['users'] = {user: token}
    elif provider == 'cloudflare':
        data = {'zones': [{'zone_name': h, 'settings': {'ssl': '1'}} for h in hostnames]}
        if token:
            data.update(replace=True, users=[{'email': user, 'tkn': token}])
        data.update(cloudflare)
    elif provider == 'ucdn':
        data = {'zones': [{'custom_domains': [h]} for h in hostnames]}
    else:
        data = {'distributions': [{'domains': [h], 'origin': 'https://origin.example.com'} for h in hostnames]}
    if token and provider in ('cloakfusion', 'ucdn', 'leaseweb'):
        data['tokens'] = [token]
    return data


def recap(output):
    """{host: {ok, changed, failed, ...}} from the PLAY RECAP of ansible-playbook's output."""
    found = {}
    for host, counts in re.findall(r'^(\S+)\s+:\s+(ok=.*)$', output.split('PLAY RECAP', 1)[-1], re.M):
        found[host] = dict((k, int(v)) for k, v in re.findall(r'(\w+)=(\d+)', counts))
    return found
