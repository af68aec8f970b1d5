import { DomainError } from '../domain/errors.ts';
import { where } from '../domain/lookup.ts';
import type { Authenticator } from '../http/app.ts';
import type { SandboxState } from '../domain/types.ts';
import type { Store } from '../store/sandbox-store.ts';

const unauthorized = (detail: string) => new DomainError('unauthorized', 'unauthorized', 'Unauthorized', detail);

// Clients send the same few Authorization headers over and over: remember the decoded pairs (bounded).
const decoded = new Map<string, { username: string; password: string }>();
const DECODED_LIMIT = 1_000;

export function parseBasic(header: string | undefined): { username: string; password: string } {
  const known = header === undefined ? undefined : decoded.get(header);
  if (known) return known;
  const pair = decodeBasic(header);
  if (header!.length <= 512) {
    if (decoded.size >= DECODED_LIMIT) decoded.clear();
    decoded.set(header!, pair);
  }
  return pair;
}

function decodeBasic(header: string | undefined): { username: string; password: string } {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) throw unauthorized('This operation needs HTTP Basic credentials (Authorization: Basic ...).');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthorized('Basic credentials must be "username:password", base64-encoded.');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The sandbox's SecurityTrax dealer user signs in with these credentials. A sandbox without one (seed
 * `empty`) refuses every login until PUT /__sim/dealer sets one: no demo password is ever assumed.
 */
export function isDealerLogin(state: Readonly<SandboxState>, username: string, password: string): boolean {
  const dealer = state.dealer;
  return dealer !== undefined && dealer !== null && username === dealer.username && password === dealer.password;
}

/** Resolves the spec's HTTP Basic security schemes against the sandbox's users. */
export function createAuthenticator(store: Store): Authenticator {
  return (scheme, sandbox, header) => {
    const state = store.require(sandbox);
    const { username, password } = parseBasic(header);
    switch (scheme) {
      case 'endUserBasic': {
        // Indexed by username (a rename moves the login in the index: lookup.ts noteReplaced).
        const login = where(state.logins, 'username', (l) => l.username, username).find((l) => l.password === password);
        if (!login) throw unauthorized('The Alarm.com username or password is incorrect.');
        return { kind: 'endUser', loginId: login.id };
      }
      default:
        throw new Error(`Unknown security scheme ${scheme}`);
    }
  };
}
