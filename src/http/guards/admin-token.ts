import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { DomainError } from '../../domain/errors.ts';
import { isApiPath } from '../api-path.ts';
import { headerOf } from '../read-request.ts';
import { isControlPath, refusal } from './refusal.ts';

export type AdminTokenOptions = { token: string };

const ADMIN_COOKIE = 'trax_sim_admin';
const HEALTH = '/__sim/health';

export const generateAdminToken = (): string => randomBytes(24).toString('base64url');

const digest = (s: string) => createHash('sha256').update(s).digest();
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

function cookieOf(c: Context, name: string): string | undefined {
  for (const part of (headerOf(c, 'cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return percentDecoded(part.slice(eq + 1).trim(), name);
  }
  return undefined;
}

/** A cookie value's percent-decoding; a malformed one is the client's error (400), not the server's. */
function percentDecoded(value: string, name: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new DomainError(
      'bad_request',
      'malformed-percent-encoding',
      'Malformed percent-encoding',
      `The ${name} cookie is not valid percent-encoding.`,
    );
  }
}

/** The token a request presents: `Authorization: Bearer T`, `X-Admin-Token: T`, or the console's cookie. */
function presented(c: Context): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headerOf(c, 'authorization') ?? '');
  return bearer?.[1] ?? headerOf(c, 'x-admin-token') ?? cookieOf(c, ADMIN_COOKIE);
}

/**
 * Protects the control API (/__sim, health excepted) and the console with an admin token. The console is
 * opened once as `/?token=T`: that sets an HttpOnly SameSite=Strict cookie and redirects to the same page
 * without the token, so the browser's later pages and form posts carry it. The API faces keep their own auth.
 */
export function adminToken({ token }: AdminTokenOptions): MiddlewareHandler {
  if (!token) throw new Error('the admin token must not be empty');
  return async function adminOnly(c, next) {
    const path = c.req.path;
    const onConsole = !isApiPath(path);
    if (path === HEALTH || (!onConsole && !isControlPath(path))) return next();
    const query = onConsole ? c.req.query('token') : undefined;
    if (query !== undefined && same(query, token)) {
      const url = new URL(c.req.url);
      url.searchParams.delete('token');
      const cookie = `${ADMIN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
      return new Response(null, {
        status: 303,
        headers: { location: `${url.pathname}${url.search}`, 'set-cookie': cookie },
      });
    }
    const given = presented(c);
    if (given !== undefined && same(given, token)) return next();
    const how = onConsole
      ? 'Open the console once as /?token=<admin token> (printed when the server started).'
      : 'Send it as "Authorization: Bearer <token>" or "X-Admin-Token: <token>".';
    return refusal(
      401,
      'admin-token-required',
      'Admin token required',
      `${given === undefined ? 'This simulator is protected by an admin token.' : 'The admin token is incorrect.'} ${how}`,
      path,
      {
        'www-authenticate': 'Bearer realm="trax-sim admin"',
      },
    );
  };
}
