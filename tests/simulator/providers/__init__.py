"""One fake API per provider; ALL_APPS is what the server mounts.

Each module providers/<name>.py defines APP, a ProviderApp subclass.
"""

import importlib

NAMES = ('cloakfusion', 'cloudflow', 'cloudflare', 'ucdn', 'leaseweb')


def _load():
    apps = []
    for name in NAMES:
        try:
            module = importlib.import_module('%s.%s' % (__name__, name))
        except ModuleNotFoundError as exc:
            if exc.name != '%s.%s' % (__name__, name):
                raise
            continue
        apps.append(module.APP)
    return apps


ALL_APPS = _load()
