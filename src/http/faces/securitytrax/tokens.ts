// Bearer tokens of the SecurityTrax face: temporary tokens from POST /authenticate (10 minutes, kept in
// memory: a restart signs everyone out, as an expiry would) and personal access tokens (never expire, kept
// in the sandbox as a hash). Expiry follows the server's wall clock, injected so tests never wait: the
// sandbox's virtual clock jumps months in scenarios and would expire every token on the way.
import { createHash, randomBytes } from 'node:crypto';
import type { Auth } from '../../operation.ts';
import type { Store } from '../../../store/store.ts';
import { FaceError } from './face-error.ts';

export const TOKEN_TTL_MS = 10 * 60 * 1000;
export type WallClock = () => number;
export type IssuedToken = { token: string; expiresAt: string };

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
export const newToken = (): string => randomBytes(24).toString('base64url');

const refuse = (code: string, title: string, detail: string) =>
  new FaceError(401, code, title, detail, { header: 'Authorization' });

export type Tokens = {
  issue(sandbox: string): IssuedToken;
  /** The dealer behind `Authorization: Bearer <token>` in this sandbox, or a 401 saying why not. */
  verify(sandbox: string, authorization: string | undefined): Auth;
};

export function createTokens({ store, now = Date.now }: { store: Store; now?: WallClock }): Tokens {
  const temporary = new Map<string, { sandbox: string; expiresAt: number }>();
  const prune = () => {
    const t = now();
    for (const [token, entry] of temporary) if (entry.expiresAt <= t) temporary.delete(token);
  };
  return {
    issue(sandbox) {
      if (temporary.size >= 10_000) prune();
      const token = newToken();
      const expiresAt = now() + TOKEN_TTL_MS;
      temporary.set(token, { sandbox, expiresAt });
      return { token, expiresAt: new Date(expiresAt).toISOString() };
    },
    verify(sandbox, authorization) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match)
        throw refuse(
          'token-missing',
          'Token missing',
          'Send Authorization: Bearer <token>, from POST .../authenticate or a personal access token.',
        );
      const token = match[1]!;
      const entry = temporary.get(token);
      if (entry && entry.sandbox === sandbox) {
        if (now() < entry.expiresAt) return { kind: 'dealer' };
        temporary.delete(token);
        throw refuse(
          'token-expired',
          'Token expired',
          'The token expired (temporary tokens last 10 minutes); authenticate again.',
        );
      }
      const hash = hashToken(token);
      if (store.require(sandbox).personalAccessTokens?.some((t) => t.tokenHash === hash)) return { kind: 'dealer' };
      throw refuse(
        'token-unknown',
        'Unknown token',
        'This bearer token was not issued for this profile (or the server restarted); authenticate again.',
      );
    },
  };
}
