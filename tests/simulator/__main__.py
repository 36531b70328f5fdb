"""Run the simulator: python -m tests.simulator [--port N] [--port-file F] [--tls-cert C --tls-key K]."""

import argparse
import sys

from .server import make_server


def main(argv=None):
    parser = argparse.ArgumentParser(description='edgeops.cdn provider API simulator')
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=0, help='0 picks a free port')
    parser.add_argument('--port-file', help='write the chosen port here once listening')
    parser.add_argument('--tls-cert')
    parser.add_argument('--tls-key')
    args = parser.parse_args(argv)
    server = make_server(args.host, args.port, args.tls_cert, args.tls_key)
    port = server.server_address[1]
    scheme = 'https' if args.tls_cert else 'http'
    if args.port_file:
        with open(args.port_file, 'w') as handle:
            handle.write(str(port))
    print('simulator listening on %s://%s:%s' % (scheme, args.host, port), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == '__main__':
    sys.exit(main())
