// HTTP Basic credentials (Authorization: Basic base64(username:password)) for the spec's Basic security
// schemes; the service decides whose they are.
import { DomainError } from '../domain/errors.ts';
import type { FindLogin } from '../services/authenticate.ts';
import type { Authenticator } from './stages/validate.ts';

const unauthorized = (detail: string) => new DomainError('unauthorized', 'unauthorized', 'Unauthorized', detail);

const DECODED_LIMIT = 1_000;

/**
 * Decodes Basic credentials. Clients send the same few Authorization headers over and over, so each
 * authenticator remembers its decoded pairs (bounded): a read then decodes nothing.
 */
function basicParser(): (header: string | undefined) => { username: string; password: string } {
  const decoded = new Map<string, { username: string; password: string }>();
  return (header) => {
    const known = header === undefined ? undefined : decoded.get(header);
    if (known) return known;
    const pair = decodeBasic(header);
    if (header!.length <= 512) {
      if (decoded.size >= DECODED_LIMIT) decoded.clear();
      decoded.set(header!, pair);
    }
    return pair;
  };
}

function decodeBasic(header: string | undefined): { username: string; password: string } {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) throw unauthorized('This operation needs HTTP Basic credentials (Authorization: Basic ...).');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthorized('Basic credentials must be "username:password", base64-encoded.');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Resolves the spec's HTTP Basic security schemes against the sandbox's users. */
export function createBasicAuthenticator(findLogin: FindLogin): Authenticator {
  const parseBasic = basicParser();
  return (scheme, sandbox, header) => {
    switch (scheme) {
      case 'endUserBasic': {
        const inSandbox = findLogin(sandbox);
        const { username, password } = parseBasic(header);
        const login = inSandbox(username, password);
        if (!login) throw unauthorized('The Alarm.com username or password is incorrect.');
        return { kind: 'endUser', loginId: login.id };
      }
      default:
        throw new Error(`Unknown security scheme ${scheme}`);
    }
  };
}
