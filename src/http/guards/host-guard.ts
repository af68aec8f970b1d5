import { networkInterfaces, hostname } from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { headerOf } from '../read-request.ts';
import { refusal } from './refusal.ts';

export type HostGuardOptions = {
  /** The address the server is bound to (`127.0.0.1`, `0.0.0.0`, `::`, a name...). */
  boundHost: string;
  /** More names clients may use (`--allowed-hosts a,b`), e.g. a proxy's or a container's name. */
  allowedHosts?: string[];
};

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

/** True when `host` reaches only this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

const bracketed = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h).toLowerCase();

/** The host names a request's Host header may carry (ports are not compared). */
export function allowedHostNames({ boundHost, allowedHosts = [] }: HostGuardOptions): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, ...allowedHosts.map(bracketed)]);
  if (boundHost) names.add(bracketed(boundHost));
  if (WILDCARDS.has(boundHost)) {
    // Bound to every interface: each of the machine's addresses, and its name, reach it.
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) names.add(bracketed(a.address.replace(/%.*$/, '')));
  }
  return names;
}

/** `example.com:4010` -> `example.com`, `[::1]:4010` -> `[::1]`. */
export function hostNameOf(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

/**
 * DNS-rebinding guard: a page of evil.example rebinding its name to 127.0.0.1 reaches a loopback
 * server with `Host: evil.example`. Only the bound address and known names are answered; others 403.
 * A listening server turns it on (startServer); in-process transports (app.request, MSW) do not.
 */
export function hostGuard(options: HostGuardOptions): MiddlewareHandler {
  const names = allowedHostNames(options);
  return async function knownHostsOnly(c, next) {
    const host = headerOf(c, 'host');
    if (host !== undefined && names.has(hostNameOf(host))) return next();
    return refusal(
      403,
      'host-not-allowed',
      'Host not allowed',
      `This simulator answers only to ${[...names].slice(0, 6).join(', ')}${names.size > 6 ? ', ...' : ''}; got Host ${JSON.stringify(host ?? '')}. Add a name with --allowed-hosts.`,
      c.req.path,
    );
  };
}
