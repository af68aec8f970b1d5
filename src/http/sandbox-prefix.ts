// "A base URL is enough": a stock client cannot add X-Sandbox, so a URL prefix names the sandbox instead.
// /sandboxes/{name}/alarm-com/... and /sandboxes/{name}/__sim/... route as the path without the prefix,
// in sandbox {name}. (The SecurityTrax face names its sandbox in its own base URL.)
import type { Context } from 'hono';
import { getPath } from 'hono/utils/url';

const PREFIXED = /^\/sandboxes\/([^/]+)(\/(?:alarm-com|__sim)(?:\/.*)?)$/;

/** Hono's getPath without the sandbox prefix: what the router matches. */
export function pathWithoutSandboxPrefix(request: Request): string {
  const path = getPath(request);
  if (!path.startsWith('/sandboxes/')) return path;
  return PREFIXED.exec(path)?.[2] ?? path;
}

/** The sandbox the request's URL prefix names; undefined without a prefix. */
export function sandboxOfPrefix(c: Context): string | undefined {
  if (!c.req.url.includes('/sandboxes/')) return undefined; // the common case, without parsing the path again
  const path = getPath(c.req.raw);
  if (!path.startsWith('/sandboxes/')) return undefined;
  return PREFIXED.exec(path)?.[1];
}

/** `/sandboxes/<name>` as the URL spelled it, for links that keep the client in its sandbox; undefined without one. */
export function sandboxPrefixOf(c: Context): string | undefined {
  if (!c.req.url.includes('/sandboxes/')) return undefined;
  const path = getPath(c.req.raw);
  const name = path.startsWith('/sandboxes/') ? PREFIXED.exec(path)?.[1] : undefined;
  return name === undefined ? undefined : `/sandboxes/${name}`;
}
