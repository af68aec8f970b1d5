// Bearer tokens of the SecurityTrax face: temporary tokens from POST /authenticate (10 minutes) and personal
// access tokens (never expire, kept in the sandbox as a hash, so they go with it).
// A temporary token is stateless and signed: base64url(JSON payload) "." base64url(HMAC-SHA256). Its payload
// names the sandbox, the sandbox's incarnation (a new one each time its state is created or replaced) and a
// fingerprint of the dealer's credentials, so deleting and re-creating the sandbox, a reset, a scenario load
// or a password change ends every token issued before; the expireTokens fault expires them early (for QA,
// which cannot wait 10 minutes). Nothing is kept in memory: any server holding the
// same secret verifies it. Expiry follows the server's wall clock, injected so tests never wait (the
// sandbox's virtual clock jumps months in scenarios and would expire every token on the way).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SandboxState } from '../../../domain/types.ts';
import { hashToken } from '../../../services/access-tokens.ts';
import type { Auth } from '../../operation.ts';
import { FaceError } from './face-error.ts';

const TOKEN_TTL_MS = 10 * 60 * 1000;
export type WallClock = () => number;
type IssuedToken = { token: string; expiresAt: string };

/**
 * What a temporary token says: sandbox, incarnation, dealer-credential fingerprint, expiry (ms), nonce, and the
 * sandbox's faults.tokensExpired when issued (absent: 0): a later `expireTokens` fault expires it early.
 */
type TokenPayload = { s: string; i: string; d: string; e: number; n: string; x?: number };

const refuse = (code: string, title: string, detail: string) =>
  new FaceError(401, code, title, detail, { header: 'Authorization' });
const unknown = (detail: string) => refuse('token-unknown', 'Unknown token', detail);

export type Tokens = {
  issue(sandbox: string): IssuedToken;
  /** The dealer behind `Authorization: Bearer <token>` in this sandbox, or a 401 saying why not. */
  verify(sandbox: string, authorization: string | undefined): Auth;
};

const isPayload = (v: unknown): v is TokenPayload => {
  if (v === null || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.s === 'string' &&
    typeof p.i === 'string' &&
    typeof p.d === 'string' &&
    typeof p.e === 'number' &&
    typeof p.n === 'string' &&
    (p.x === undefined || typeof p.x === 'number')
  );
};

export type TokenOptions = {
  /** The sandbox's state (made current by the pipeline before any face hook runs). */
  stateOf: (sandbox: string) => Readonly<SandboxState>;
  now?: WallClock;
  /** Signs the temporary tokens; default 32 random bytes (a restart then signs everyone out). */
  secret?: string | Buffer;
};

export function createTokens({ stateOf, now = Date.now, secret = randomBytes(32) }: TokenOptions): Tokens {
  const sign = (text: string) => createHmac('sha256', secret).update(text).digest();
  // Keyed, so a token (readable by whoever holds it) does not let anyone test guesses of the password.
  const fingerprint = (dealer: NonNullable<SandboxState['dealer']>) =>
    createHmac('sha256', secret).update(`dealer\0${dealer.username}\0${dealer.password}`).digest('base64url');

  /** The payload of a temporary token this server signed, or undefined (a personal access token, or not ours). */
  const signedPayload = (token: string): TokenPayload | undefined => {
    const dot = token.indexOf('.');
    if (dot < 0) return undefined;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = sign(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      return isPayload(payload) ? payload : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    issue(sandbox) {
      const state = stateOf(sandbox);
      if (!state.dealer) throw new Error(`a token was asked for in ${sandbox}, which has no dealer`);
      const e = now() + TOKEN_TTL_MS;
      const payload: TokenPayload = {
        s: sandbox,
        i: state.incarnation,
        d: fingerprint(state.dealer),
        e,
        n: randomBytes(9).toString('base64url'),
        ...(state.faults.tokensExpired ? { x: state.faults.tokensExpired } : {}),
      };
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return { token: `${body}.${sign(body).toString('base64url')}`, expiresAt: new Date(e).toISOString() };
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
      const state = stateOf(sandbox);
      const payload = signedPayload(token);
      if (payload) {
        if (payload.s !== sandbox)
          throw unknown('This token was issued for another profile; authenticate on this one.');
        if (payload.i !== state.incarnation)
          throw unknown(
            'This token was issued before the sandbox was reset, loaded from a scenario, or deleted and created again; authenticate again.',
          );
        if (!state.dealer) throw unknown('This profile has no dealer user any more; no token is good here.');
        if (payload.d !== fingerprint(state.dealer))
          throw unknown("The dealer's username or password changed since this token was issued; authenticate again.");
        if (now() >= payload.e || (payload.x ?? 0) < (state.faults.tokensExpired ?? 0))
          throw refuse(
            'token-expired',
            'Token expired',
            'The token expired (temporary tokens last 10 minutes); authenticate again.',
          );
        return { kind: 'dealer' };
      }
      const hash = hashToken(token);
      if (state.personalAccessTokens?.some((t) => t.tokenHash === hash)) return { kind: 'dealer' };
      throw unknown('This bearer token was not issued for this profile (or the server restarted); authenticate again.');
    },
  };
}
