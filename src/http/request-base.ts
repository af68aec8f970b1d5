// Links in answers are built from the URL the client used: its origin and, on the faces that take one, its
// /sandboxes/{name} prefix. Behind a reverse proxy the origin the client used arrives as X-Forwarded-Proto
// and X-Forwarded-Host; any client can send those, so they are read only when the operator says the server
// sits behind a proxy it trusts (--trust-proxy, createApp({ trustProxy })).
import type { Context } from 'hono';
import { headerOf } from './read-request.ts';
import { sandboxPrefixOf } from './sandbox-prefix.ts';

/** `origin` as `http://host:port`; `prefix` is `/sandboxes/<name>` when the URL had one, else ''. */
export type RequestBase = { origin: string; prefix: string };

const PROTO = /^https?$/i;
// A host name, an IPv4 or a bracketed IPv6 address, with an optional port: nothing that could end a URL's authority.
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/** The first value of a comma-separated forwarding header: the one the first proxy, facing the client, set. */
const firstOf = (value: string | undefined) => value?.split(',')[0]?.trim() || undefined;

export function requestBase(c: Context, trustProxy = false): RequestBase {
  const url = c.req.url;
  const authorityStart = url.indexOf('//') + 2;
  const pathStart = url.indexOf('/', authorityStart);
  let scheme = url.slice(0, authorityStart - 3);
  let host = url.slice(authorityStart, pathStart < 0 ? url.length : pathStart);
  if (trustProxy) {
    const proto = firstOf(headerOf(c, 'x-forwarded-proto'));
    const forwardedHost = firstOf(headerOf(c, 'x-forwarded-host'));
    if (proto !== undefined && PROTO.test(proto)) scheme = proto.toLowerCase();
    if (forwardedHost !== undefined && HOST.test(forwardedHost)) host = forwardedHost;
  }
  return { origin: `${scheme}://${host}`, prefix: sandboxPrefixOf(c) ?? '' };
}
