// The server as a real process, killed with SIGKILL in the middle of a stream of payments (compactions
// included): the store still loads, its invariants hold, and every payment answered 201 is in it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/domain/invariants.ts';
import { openStore } from '../../src/server.ts';
import { parseSnapshot } from '../../src/store/snapshot.ts';
import { spawnServe, type CliServer } from '../support/spawn-cli.ts';
import { JANE } from '../support/test-app.ts';
import { billingData, dealerApi, fetchCall } from '../support/securitytrax.ts';

const GOOD_CARD = { type: 'credit_card', card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' } };
const running: CliServer[] = [];

async function serve(dir: string): Promise<CliServer> {
  // A small compaction threshold, so snapshots are being rewritten while the process dies.
  const previous = process.env.TRAX_SIM_COMPACT_AFTER_BYTES;
  process.env.TRAX_SIM_COMPACT_AFTER_BYTES = '40000';
  try {
    const server = await spawnServe(['--data', dir, '--quiet']);
    running.push(server);
    return server;
  } finally {
    if (previous === undefined) delete process.env.TRAX_SIM_COMPACT_AFTER_BYTES;
    else process.env.TRAX_SIM_COMPACT_AFTER_BYTES = previous;
  }
}

const post = (url: string, body: unknown, auth: string) =>
  fetch(url, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

afterEach(async () => {
  for (const s of running.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) await s.stop('SIGKILL');
});

describe('crash safety', () => {
  it('SIGKILL mid-load: every acknowledged payment survives, the store parses and balances hold', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-crash-'));
    let server = await serve(dir);
    const method = await dealerApi(fetchCall(server.url)).post('/customer_billings', billingData(1, GOOD_CARD as never));
    expect(method.status).toBe(201);
    const billingMethodId = Number(method.body.data.id);
    const acknowledged = new Map<number, number>();
    const failures: string[] = [];

    for (let round = 0; round < 3; round++) {
      const url = `${server.url}/alarm-com/api/billing/payments`;
      let stop = false;
      // Eight clients paying one to three cents at a time until the process disappears.
      const clients = Array.from({ length: 8 }, async (_, c) => {
        for (let n = 0; !stop; n++) {
          const amountCents = ((c + n) % 3) + 1;
          try {
            const res = await post(url, { amountCents, billingMethodId }, JANE);
            const body = await res.json();
            if (res.status === 201) acknowledged.set(body.id, amountCents);
            else failures.push(`payment answered ${res.status}: ${JSON.stringify(body)}`);
          } catch (err) {
            if (!stop) failures.push(String(err));
          }
          if (failures.length) return;
        }
      });
      const target = acknowledged.size + 150 + round * 50;
      while (acknowledged.size < target && !failures.length) await new Promise((r) => setTimeout(r, 5));
      expect(failures).toEqual([]);
      stop = true;
      const exited = server.stop('SIGKILL'); // requests are in flight: some answered, some not
      await Promise.allSettled(clients);
      await exited;

      // The files on disk: they load (snapshot + log replay), and the money adds up.
      const store = await openStore(dir);
      const state = store.require('default');
      expect(checkInvariants(state)).toEqual([]);
      for (const [id, amountCents] of acknowledged) {
        const p = state.payments.find((x) => x.id === id);
        expect(p, `acknowledged payment ${id}`).toBeDefined();
        expect(p!.amountCents).toBe(amountCents);
        expect(p!.status).toBe('succeeded');
      }
      server = await serve(dir);
    }

    // The restarted server serves them and keeps taking payments.
    const dealer = dealerApi(fetchCall(server.url));
    for (const id of [...acknowledged.keys()].slice(-20)) {
      expect((await dealer.get(`/customer_payments/${id}`)).status).toBe(200);
    }
    expect((await post(`${server.url}/alarm-com/api/billing/payments`, { amountCents: 1, billingMethodId }, JANE)).status).toBe(201);
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(acknowledged.size).toBeGreaterThanOrEqual(450);
    // Compactions did run during the load (the snapshot holds patches that were first in the log).
    expect(parseSnapshot(readFileSync(path.join(dir, 'sandboxes', 'default.json'), 'utf8')).seq).toBeGreaterThan(0);
  }, 60_000);
});
