import type { Context, MiddlewareHandler } from 'hono';
import { headerOf } from '../read-request.ts';
import { refusal } from './refusal.ts';

export type OriginGuardOptions = {
  /** Does CORS grant this (cross) origin for this path? Default: no origin is granted. */
  granted?: (origin: string, path: string) => boolean;
};

/** The methods that change state; reads are left to the browser's same-origin policy and CORS. */
export const STATE_CHANGING_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** The request's own origin as the client addressed it (scheme://Host). */
function selfOrigin(c: Context): string {
  const url = new URL(c.req.url);
  const host = headerOf(c, 'host') ?? url.host;
  return `${url.protocol}//${host}`;
}

/**
 * Refuses a state-changing request sent by a page of another origin (a cross-site form POST, a fetch
 * from another site) unless CORS grants that origin: 403 `cross-origin-refused`, nothing changed.
 * Decided by `Origin`, and by `Sec-Fetch-Site` when the browser sends it. A request with neither
 * (curl, a server-side client, MSW in-process) is not a browser page's, and passes.
 */
export function originGuard({ granted = () => false }: OriginGuardOptions = {}): MiddlewareHandler {
  return async function sameOriginWrites(c, next) {
    const origin = headerOf(c, 'origin');
    const site = headerOf(c, 'sec-fetch-site');
    const crossSite = site === 'cross-site' || site === 'same-site';
    const crossOrigin = origin !== undefined && origin !== selfOrigin(c);
    if (!crossSite && !crossOrigin) return next();
    if (origin !== undefined && origin !== 'null' && granted(origin, c.req.path)) return next();
    return refusal(
      403,
      'cross-origin-refused',
      'Cross-origin request refused',
      `A ${c.req.method} from ${origin ?? 'another site'} may not change the simulator. Grant a browser client's origin with --cors <origin> (the control API also needs --cors-control).`,
      c.req.path,
    );
  };
}
