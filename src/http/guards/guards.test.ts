import { describe, expect, it } from 'vitest';
import { corsGrants, parseCorsOrigins } from './cors.ts';
import { allowedHostNames, hostNameOf, isLoopbackHost } from './host-guard.ts';

describe('host guard helpers', () => {
  it('reads the host name of a Host header, ports aside', () => {
    expect(hostNameOf('Example.com:4010')).toBe('example.com');
    expect(hostNameOf('[::1]:4010')).toBe('[::1]');
    expect(hostNameOf('localhost')).toBe('localhost');
  });

  it('tells loopback from beyond', () => {
    for (const h of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) expect(isLoopbackHost(h), h).toBe(false);
  });

  it('allows loopback names, the bound address and the extra names only', () => {
    const names = allowedHostNames({ boundHost: '127.0.0.1', allowedHosts: ['Sim.Internal', '::1'] });
    expect([...names].sort()).toEqual(['127.0.0.1', '[::1]', 'localhost', 'sim.internal']);
    expect(allowedHostNames({ boundHost: '0.0.0.0' }).has('0.0.0.0')).toBe(true);
  });
});

describe('CORS options', () => {
  it('parses comma-separated, repeated origins to their canonical form and refuses non-origins', () => {
    expect(parseCorsOrigins(['http://a.example:3000/, https://B.example', '*'])).toEqual([
      'http://a.example:3000',
      'https://b.example',
      '*',
    ]);
    expect(() => parseCorsOrigins(['a.example'])).toThrow(/not an origin/);
    expect(() => parseCorsOrigins(['ftp://a.example'])).toThrow(/not an http\(s\) origin/);
  });

  it('grants the API faces to listed origins (or *), /__sim only with control and an explicit origin, never the console', () => {
    const o = 'http://a.example';
    expect(corsGrants({ origins: [o] }, o, '/securitytrax/default/user/v1/customers')).toBe(true);
    expect(corsGrants({ origins: [o] }, 'http://b.example', '/securitytrax/default/user/v1/customers')).toBe(false);
    expect(corsGrants({ origins: ['*'] }, 'http://b.example', '/alarm-com/api/billing/summary')).toBe(true);
    expect(corsGrants({ origins: [o] }, o, '/__sim/reset')).toBe(false);
    expect(corsGrants({ origins: [o], control: true }, o, '/__sim/reset')).toBe(true);
    expect(corsGrants({ origins: ['*'], control: true }, o, '/__sim/reset')).toBe(false);
    expect(corsGrants({ origins: [o] }, o, '/billing')).toBe(false);
    expect(corsGrants(undefined, o, '/securitytrax/default/user/v1/customers')).toBe(false);
  });
});
