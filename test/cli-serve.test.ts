import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnServe } from './support/spawn-cli.ts';
import { dealerApi, fetchCall } from './support/securitytrax.ts';

describe('trax-sim serve', () => {
  it('serves health, prints the URL and demo credentials, and stops cleanly on SIGTERM', async () => {
    const server = await spawnServe(['--memory']);
    const health = await fetch(`${server.url}/__sim/health`);
    expect(health.status).toBe(200);
    expect((await health.json()).status).toBe('ok');
    expect(server.output()).toContain('dealer / dealer-pass');
    expect(server.output()).toContain('jane / jane-pass');
    expect(await server.stop('SIGTERM')).toBe(0);
  });

  it('data written through the server survives a restart (--data DIR)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-data-'));
    const first = await spawnServe(['--data', dir, '--quiet']);
    const created = await dealerApi(fetchCall(first.url)).post('/customers', {
      type: 'customers',
      attributes: { fname: 'Persisted', lname: 'Customer', email: 'p@example.com' },
    });
    expect(created.status).toBe(201);
    const { id } = created.body.data as { id: string };
    await fetch(`${first.url}/__sim/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ by: 'P1M' }),
    });
    const clockBefore = await (await fetch(`${first.url}/__sim/clock`)).json();
    expect(await first.stop('SIGINT')).toBe(0);

    const second = await spawnServe(['--data', dir, '--quiet']);
    const again = await dealerApi(fetchCall(second.url)).get(`/customers/${id}`);
    expect(again.status).toBe(200);
    expect(again.body.data.attributes.fname).toBe('Persisted');
    expect(await (await fetch(`${second.url}/__sim/clock`)).json()).toEqual(clockBefore);
    await second.stop();
  });
});
