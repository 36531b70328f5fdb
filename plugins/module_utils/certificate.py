# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_certificate's provider-agnostic core.

1. Pre-flight, with no request sent: the PEMs parse, the key matches the
   certificate, the chain is in order, the certificate is valid now and for
   ``renew_before_days`` more days, and it covers the host names given.
2. One read of the provider's certificates (and of the zone to bind); a
   certificate already uploaded is recognised by its SHA-1 fingerprint, or,
   where the API hides the PEM (Leaseweb), by common name, issuer and
   validity.
3. The plan: upload, bind, then replace. Rotation uploads the new
   certificate, rebinds every zone that served the old one, and only then
   deletes the old one, so a bound zone is never without a certificate.

PEMs and keys never leave this module except in the upload request itself:
results and diffs show fingerprint, subject, SANs and validity.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import hashlib
import re

from ansible_collections.edgeops.cdn.plugins.module_utils.ensure import ResourceOps
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.names import covers, zone_hostnames
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import iso_utc, normalize_hostname, utc_now
from ansible_collections.edgeops.cdn.plugins.module_utils.plan import Plan, make_diff
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import CERTIFICATE_FIELDS
from ansible_collections.edgeops.cdn.plugins.module_utils.recovery import create_recovering

PEM_CERT_RE = re.compile(r'-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----', re.S)
CERTIFICATE_RESULT_KEYS = ('id', 'zones')


def _crypto():
    """cryptography, imported only when a certificate is handled (it is slow to import)."""
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
    except ImportError:
        return None
    return x509, hashes, serialization


def _names(cert):
    x509 = _crypto()[0]
    attrs = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    common_name = attrs[0].value if attrs else None
    try:
        ext = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        sans = [normalize_hostname(n) for n in ext.value.get_values_for_type(x509.DNSName)]
    except x509.ExtensionNotFound:
        sans = []
    return common_name, sans


def describe(cert):
    """What results and diffs show of a certificate (never the PEM)."""
    serialization = _crypto()[2]
    der = cert.public_bytes(serialization.Encoding.DER)
    common_name, sans = _names(cert)
    return dict(
        fingerprint=hashlib.sha1(der).hexdigest(),
        sha256_fingerprint=hashlib.sha256(der).hexdigest(),
        common_name=normalize_hostname(common_name) if common_name else None,
        sans=sans,
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        not_before=iso_utc(cert.not_valid_before_utc),
        not_after=iso_utc(cert.not_valid_after_utc),
    )


def _label(cert):
    common_name = _names(cert)[0]
    return 'CN=%s' % common_name if common_name else cert.subject.rfc4514_string()


def split_pems(option, text):
    blocks = PEM_CERT_RE.findall(text or '')
    if not blocks:
        raise CdnValidationError(option, 'holds no PEM certificate',
                                 allowed='PEM text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----')
    return blocks


def parse_certificates(option, text):
    x509 = _crypto()[0]
    certs = []
    for index, block in enumerate(split_pems(option, text)):
        try:
            certs.append(x509.load_pem_x509_certificate(block.encode('ascii')))
        except (ValueError, UnicodeEncodeError) as exc:
            raise CdnValidationError(option, 'certificate %d is not a valid PEM certificate (%s)' % (index + 1, exc),
                                     allowed='PEM encoded X.509 certificates')
    return certs


def parse_private_key(text):
    serialization = _crypto()[2]
    if not text or '-----BEGIN' not in text or 'PRIVATE KEY-----' not in text:
        raise CdnValidationError('private_key', 'holds no PEM private key',
                                 allowed='an unencrypted PEM private key (-----BEGIN ... PRIVATE KEY-----)')
    try:
        return serialization.load_pem_private_key(text.encode('ascii'), password=None)
    except TypeError:
        raise CdnValidationError('private_key', 'is encrypted', allowed='an unencrypted PEM private key')
    except (ValueError, UnicodeEncodeError) as exc:
        # The library's message never contains key material.
        raise CdnValidationError('private_key', 'is not a valid PEM private key (%s)' % exc.__class__.__name__,
                                 allowed='an unencrypted PEM private key (RSA, EC or Ed25519)')


def _public_der(key):
    serialization = _crypto()[2]
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _issued_by(cert, issuer):
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except Exception:  # pylint: disable=broad-except
        # InvalidSignature, or an issuer key type the check does not cover
        return False
    return True


def check_chain(leaf, chain):
    """The chain, leaf first, each certificate issued by the next one."""
    previous = leaf
    for index, cert in enumerate(chain):
        if not _issued_by(previous, cert):
            where = 'the certificate' if index == 0 else 'chain certificate %d (%s)' % (index, _label(previous))
            expected = [n for n, c in enumerate(chain) if _issued_by(previous, c)]
            hint = (' (it is chain certificate %d: the chain is out of order)' % (expected[0] + 1)) if expected else ''
            raise CdnValidationError(
                'chain', 'certificate %d (%s) did not issue %s%s' % (index + 1, _label(cert), where, hint),
                allowed='the intermediate that issued the certificate first, then its issuer, and so on')
        previous = cert


def check_coverage(info, hostnames, option):
    names = info['sans'] or ([info['common_name']] if info['common_name'] else [])
    missing = [h for h in hostnames if h and not covers(names, h)]
    if missing:
        raise CdnValidationError(
            option, 'host name %s is not covered by the certificate (it covers: %s)'
            % (', '.join(missing), ', '.join(names) or 'no host name'),
            allowed='a certificate whose subject alternative names include them, or check_hostnames=false')


class LocalCertificate:
    """The certificate the user gave, checked; PEMs kept only for the upload.

    ``hostname_given`` says whether the user set ``hostname`` (else it is the common name);
    ``zone`` is the ``zone`` option (a host name or id, or None): what a provider may check
    the certificate against without seeing the module's parameters."""

    def __init__(self, certificate_pem, private_key_pem, chain_pem, info, name=None, hostname=None, key_type=None,
                 hostname_given=False, zone=None):
        self.certificate_pem = certificate_pem
        self.private_key_pem = private_key_pem
        self.chain_pem = chain_pem
        self.info = info
        self.name = name
        self.hostname = hostname
        self.key_type = key_type
        self.hostname_given = hostname_given
        self.zone = zone


def load_local(params, now=None):
    """Parse and check the certificate options; raise CdnValidationError naming what is wrong."""
    if _crypto() is None:
        raise CdnValidationError('certificate', 'cannot be checked: the Python library cryptography is missing',
                                 allowed='pip install cryptography on the host that runs the module')
    now = now or utc_now()
    certs = parse_certificates('certificate', params['certificate'])
    leaf, bundled = certs[0], certs[1:]
    chain = bundled + (parse_certificates('chain', params['chain']) if params.get('chain') else [])
    key = parse_private_key(params['private_key'])
    if _public_der(key.public_key()) != _public_der(leaf.public_key()):
        raise CdnValidationError('private_key', 'does not match the certificate (%s)' % _label(leaf),
                                 allowed='the private key the certificate was issued for')
    check_chain(leaf, chain)
    info = describe(leaf)
    if leaf.not_valid_before_utc > now:
        raise CdnValidationError('certificate', 'is not valid before %s' % info['not_before'],
                                 allowed='a certificate valid now')
    if leaf.not_valid_after_utc <= now:
        raise CdnValidationError('certificate', 'expired on %s' % info['not_after'],
                                 allowed='a certificate valid now')
    renew = params.get('renew_before_days') or 0
    left = leaf.not_valid_after_utc - now
    if renew and left < datetime.timedelta(days=renew):
        raise CdnValidationError('certificate', 'expires on %s, in %d days, within renew_before_days=%d'
                                 % (info['not_after'], left.days, renew),
                                 allowed='a certificate valid for more than renew_before_days')
    serialization = _crypto()[2]
    chain_pem = ''.join(c.public_bytes(serialization.Encoding.PEM).decode('ascii') for c in chain) or None
    leaf_pem = leaf.public_bytes(serialization.Encoding.PEM).decode('ascii')
    hostname = normalize_hostname(params['hostname']) if params.get('hostname') else info['common_name']
    return LocalCertificate(leaf_pem, params['private_key'], chain_pem, info, name=params.get('name'),
                            hostname=hostname, key_type=key.__class__.__name__,
                            hostname_given=bool(params.get('hostname')), zone=params.get('zone'))


def same_certificate(info, remote):
    """Whether the provider's certificate is the local one: by fingerprint when
    the API shows it, else by common name, issuer and validity (Leaseweb)."""
    if remote.get('fingerprint'):
        return str(remote['fingerprint']).replace(':', '').lower() == info['fingerprint']
    keys = ('common_name', 'not_before', 'not_after')
    if not all(remote.get(k) for k in keys):
        return False
    if any(normalize_text(remote[k]) != normalize_text(info[k]) for k in keys):
        return False
    return _same_issuer(remote.get('issuer'), info['issuer'])


def normalize_text(value):
    return str(value).strip().lower() if value is not None else None


def _same_issuer(remote, local):
    """Providers show the issuer as its common name or the whole name."""
    if not remote:
        return True
    remote = normalize_text(remote)
    local = normalize_text(local)
    if remote == local:
        return True
    common = [part[3:] for part in local.split(',') if part.startswith('cn=')]
    return bool(common) and remote == common[0]


def certificate_view(cert):
    if cert is None:
        return None
    view = dict((k, cert.get(k)) for k in CERTIFICATE_FIELDS + CERTIFICATE_RESULT_KEYS + ('sha256_fingerprint', 'raw')
                if k in cert)
    return view


class CertificateRun:
    """One cdn_certificate run: plan, then apply (upload, bind, replace)."""

    def __init__(self, cdn, now=None):
        self.cdn = cdn
        self.params = cdn.params
        self.caps = cdn.capabilities
        self.now = now
        self.plan = Plan()

    @property
    def adapter(self):
        return self.cdn.adapter

    def run(self):
        params = self.params
        if params['acme']:
            return self.acme()
        if params['state'] == 'absent':
            return self.absent()
        return self.present()

    # --- present ---------------------------------------------------------
    def present(self):
        params = self.params
        for option in ('certificate', 'private_key'):
            if not params.get(option):
                raise CdnValidationError(option, 'is required with state=present',
                                         allowed='PEM text (for example from lookup("file", ...))')
        self.caps.require('certificate', 'create')
        local = load_local(params, self.now)
        check = params['check_hostnames']
        hostnames = []
        if params.get('hostname'):
            hostnames.append(local.hostname)
        if params.get('zone') and '.' in params['zone']:
            hostnames.append(normalize_hostname(params['zone']))
        if check:
            check_coverage(local.info, hostnames, 'hostname' if params.get('hostname') else 'zone')
        self.adapter.validate_certificate(local)

        # reads
        zone = None
        if params.get('zone'):
            # A missing zone fails in check mode too, as in the real run (the plan is the truth); a
            # play whose cdn_zone task only planned the zone skips this task in check mode
            # (roles/distribution does).
            zone = self.adapter.require_zone_ref(params['zone'], 'find zone', prerequisite=True)
        if zone is not None and check:
            check_coverage(local.info, zone_hostnames(zone), 'zone')
        certificates = self.adapter.list_certificates()
        current = next((c for c in certificates if same_certificate(local.info, c)), None)
        identity = local.name or local.hostname
        old = [c for c in certificates if c is not current and self._same_identity(c, local, identity)]

        rebind = []
        for cert in old:
            for zone_id in self.adapter.certificate_zones(cert):
                if zone_id not in rebind:
                    rebind.append(zone_id)
        bound = set(str(z) for z in (current or {}).get('zones') or [])
        targets = []
        if zone is not None and (current is None or str(zone['id']) not in bound or self._needs_bind(zone, current)):
            targets.append(zone)
        target_ids = set(str(z['id']) for z in targets)
        rebind_ids = [z for z in rebind if str(z) not in target_ids and str(z) not in bound]

        if current is None:
            self.plan.add('create', 'certificate', None, dict((k, local.info[k]) for k in ('fingerprint', 'common_name', 'not_after')))
        for item in targets:
            self.plan.add('bind', 'zone', item['id'], dict(certificate=current['id'] if current else '(new)'))
        for zone_id in rebind_ids:
            self.plan.add('bind', 'zone', zone_id, dict(certificate=current['id'] if current else '(new)'))
        if not params['keep_old']:
            for cert in old:
                self.plan.add('delete', 'certificate', cert.get('id'), dict(fingerprint=cert.get('fingerprint')))

        before = current
        self.cdn.commit_plan(self.applied_order())
        if self.cdn.check_mode or not self.plan.changed:
            after = current or self._predict(local)
            return self.finish(before, after, old)

        # apply: upload, bind (new zone, then every zone of an old certificate), then delete the old ones
        after = current or self._upload(local)
        for item in targets:
            self.adapter.bind_certificate(item, after)
        for zone_id in rebind_ids:
            item = self.adapter.get_zone(zone_id)
            if item is not None:
                self.adapter.bind_certificate(item, after)
        if not params['keep_old']:
            for cert in old:
                self.adapter.delete_certificate(cert)
        after = self._reread(after)
        return self.finish(before, after, old)

    def _same_identity(self, cert, local, identity):
        if local.name:
            return cert.get('name') == local.name
        names = [cert.get('hostname'), cert.get('common_name')]
        return identity is not None and identity in [normalize_hostname(n) for n in names if n]

    def _needs_bind(self, zone, cert):
        return str(zone.get('certificate_id') or '') not in ('', str(cert['id'])) if 'certificate_id' in zone else False

    def _upload(self, local):
        """Upload; when the answer is lost, look for the certificate instead of uploading it twice."""
        def find():
            return next((c for c in self.adapter.list_certificates() if same_certificate(local.info, c)), None)

        ops = ResourceOps('certificate', find=find, create=lambda _wanted: self.adapter.upload_certificate(local),
                          update=lambda current, changes, wanted: current, delete=None)
        return create_recovering(ops, {})

    def _predict(self, local):
        predicted = dict(local.info)
        predicted.update(id=None, name=local.name, hostname=local.hostname, zones=[])
        return predicted

    def _reread(self, cert):
        for item in self.adapter.list_certificates():
            if str(item.get('id')) == str(cert.get('id')):
                return item
        return cert

    # --- absent -------------------------------------------------------------
    def absent(self):
        params = self.params
        self.caps.require('certificate', 'delete')
        local_info = None
        if params.get('certificate'):
            certs = parse_certificates('certificate', params['certificate'])
            local_info = describe(certs[0])
        if not (params.get('certificate_id') or local_info or params.get('name')):
            raise CdnValidationError('certificate_id', 'is required with state=absent',
                                     allowed='certificate_id, certificate (PEM) or name')
        certificates = self.adapter.list_certificates()
        matches = [c for c in certificates
                   if (params.get('certificate_id') and str(c.get('id')) == str(params['certificate_id']))
                   or (local_info and same_certificate(local_info, c))
                   or (not params.get('certificate_id') and not local_info and params.get('name') and c.get('name') == params['name'])]
        for cert in matches:
            zones = self.adapter.certificate_zones(cert)
            if zones and not params['force']:
                raise CdnValidationError(
                    'state', 'would delete certificate %s which zone(s) %s still serve'
                    % (cert.get('id'), ', '.join(str(z) for z in zones)),
                    allowed='bind another certificate first (rotation does this), or force=true')
            if zones and not self.caps.limits.certificate_delete_in_use:
                raise CdnValidationError(
                    'force', 'cannot delete certificate %s: %s refuses to delete a certificate zone(s) %s still '
                    'serve; nothing was deleted' % (cert.get('id'), self.caps.title, ', '.join(str(z) for z in zones)),
                    allowed='bind another certificate to those zones first (rotation does this), then delete')
            self.plan.add('delete', 'certificate', cert.get('id'))
        self.cdn.commit_plan(self.applied_order())
        if not self.cdn.check_mode:
            for cert in matches:
                self.adapter.delete_certificate(cert)
        before = matches[0] if matches else None
        return self.finish(before, None, matches[1:])

    # --- acme -----------------------------------------------------------------
    def acme(self):
        params = self.params
        self.caps.require('certificate', 'acme')
        if not params.get('zone'):
            raise CdnValidationError('zone', 'is required with acme=true', allowed='the host name or id of the zone')
        if params.get('certificate') or params.get('private_key'):
            raise CdnValidationError('acme', 'cannot be combined with certificate or private_key',
                                     allowed='acme=true alone, or an uploaded certificate')
        zone = self.adapter.require_zone_ref(params['zone'], 'find zone', prerequisite=True)
        needed = self.adapter.acme_needed(zone)
        if needed:
            self.plan.add('acme', 'zone', zone['id'], dict(hostnames=zone_hostnames(zone)))
        self.cdn.commit_plan(self.applied_order())
        changed = needed
        if needed and not self.cdn.check_mode:
            changed = self.adapter.request_acme(zone)
        self.cdn.exit(changed=bool(changed), certificate=self.cdn.shown(certificate_view(self.acme_certificate(zone))),
                      replaced=[], zone=dict(id=zone['id'], hostname=zone.get('hostname')))

    def acme_certificate(self, zone):
        """The certificate serving the zone's host name (else another of its host names), once the
        provider has issued it; None while the request runs (UCDN "Add Letsencrypt for zone": "The
        success of the call doesn't mean that the certificates are ready"). Reads only."""
        serving = [c for c in self.adapter.list_certificates()
                   if str(zone['id']) in [str(z) for z in self.adapter.certificate_zones(c)]]
        own = [c for c in serving if normalize_hostname(c.get('hostname')) == normalize_hostname(zone.get('hostname'))]
        return (own or serving or [None])[0]

    def applied_order(self):
        """The plan in the order it is applied: upload, bind, delete (never deletes first)."""
        return self.plan.in_order_added()

    def finish(self, before, after, old):
        keys = CERTIFICATE_FIELDS + CERTIFICATE_RESULT_KEYS
        deleted = not self.params['keep_old'] or self.params['state'] == 'absent'
        self.cdn.exit(
            changed=self.plan.changed,
            certificate=self.cdn.shown(certificate_view(after)),
            replaced=[self.cdn.shown(dict(certificate_view(c), deleted=deleted)) for c in old],
            diff=make_diff(certificate_view(before), certificate_view(after), keys),
        )


def run_certificate(cdn, now=None):
    CertificateRun(cdn, now=now).run()
