import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { isApiPath } from '../api-path.ts';
import { isControlPath } from './refusal.ts';

export type CorsOptions = {
  /** Origins granted cross-origin access to the API faces (`https://app.example:5173`), or `*` for any. */
  origins: string[];
  /** Also grant those origins the control API (/__sim). Off by default; never with `*`. */
  control?: boolean;
};

/** Headers a browser client of the simulator sends: auth, the sandbox, idempotency, SecurityTrax's key. */
const CORS_ALLOW_HEADERS = [
  'Authorization',
  'Content-Type',
  'X-Sandbox',
  'Idempotency-Key',
  'X-SecurityTrax-IntegratorKey',
  'X-Admin-Token',
];
const EXPOSE_HEADERS = ['Idempotent-Replayed', 'Location', 'WWW-Authenticate'];
const MAX_AGE_SECONDS = 600;

/** `--cors a,b --cors c` -> checked, normalised origins; throws a one-line reason on a bad value. */
export function parseCorsOrigins(values: string[]): string[] {
  const out: string[] = [];
  for (const raw of values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)) {
    if (raw === '*') {
      out.push('*');
      continue;
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error(`--cors: "${raw}" is not an origin (scheme://host[:port], or *)`);
    }
    if (!/^https?:$/.test(url.protocol) || url.origin === 'null')
      throw new Error(`--cors: "${raw}" is not an http(s) origin`);
    out.push(url.origin);
  }
  return out;
}

/** Is `origin` granted for `path` by these options? (The origin guard asks the same question.) */
export function corsGrants(options: CorsOptions | undefined, origin: string, path: string): boolean {
  if (!options || !isApiPath(path)) return false;
  if (isControlPath(path)) return Boolean(options.control) && options.origins.includes(origin);
  return options.origins.includes('*') || options.origins.includes(origin);
}

/**
 * CORS for the API faces (hono/cors underneath): preflights answered 204 with the allowed methods and
 * headers, answers carry Access-Control-Allow-Origin. Never Access-Control-Allow-Credentials: the
 * simulator's clients send Authorization explicitly. The control API only when `control` is set.
 */
export function corsGuard(options: CorsOptions): MiddlewareHandler {
  if (options.control && options.origins.includes('*'))
    throw new Error('CORS for the control API (/__sim) needs explicit origins, not *');
  const any = options.origins.includes('*');
  const handler = cors({
    origin: (origin: string, c: Context) =>
      corsGrants(options, origin, c.req.path) ? (any && !isControlPath(c.req.path) ? '*' : origin) : null,
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: CORS_ALLOW_HEADERS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: MAX_AGE_SECONDS,
    credentials: false,
  });
  return async function corsForApiFaces(c, next) {
    const path = c.req.path;
    // The console is same-origin HTML; /__sim only when granted: both answer as if CORS did not exist.
    if (!isApiPath(path) || (isControlPath(path) && !options.control)) return next();
    const origin = c.req.header('origin');
    // A preflight from an origin without a grant gets no CORS answer at all (the route's own 404).
    if (c.req.method === 'OPTIONS' && (!origin || !corsGrants(options, origin, path))) return next();
    return handler(c, next);
  };
}
