// Three trax-sim processes on one PostgreSQL database, any request to any instance: payments, dealer
// payments over several invoices, Idempotency-Key retries and clock advances sent to different instances at
// once give 0 double charges, 0 lost acknowledged writes, 0 ids given twice, and balances equal to the sum of
// the payments; each answer shows at least what another instance already showed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsMatching } from '../../src/domain/event-page.ts';
import { checkInvariants } from '../../src/domain/invariants.ts';
import { openPostgres } from '../../src/store/postgres/open-postgres.ts';
import { startInstance, type Instance } from '../support/instance.ts';
import { freshDatabase } from '../support/postgres.ts';
import { billingData, JSON_API, ST_KEY } from '../support/securitytrax.ts';

const JANE = `Basic ${Buffer.from('jane:jane-pass').toString('base64')}`;
let database: string;
let instances: Instance[];

beforeAll(async () => {
  database = await freshDatabase();
  // One first (it creates the schema and the default sandbox), then two more at once.
  instances = [await startInstance(database)];
  instances.push(...(await Promise.all([startInstance(database), startInstance(database)])));
}, 60_000);
afterAll(async () => {
  await Promise.all((instances ?? []).map((i) => i.kill('SIGTERM')));
});

const pick = (n: number) => instances[n % instances.length]!;

async function call(at: Instance, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${at.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** A sandbox of the demo seed for one test. */
async function sandbox(name: string): Promise<string> {
  const res = await call(pick(0), 'POST', '/__sim/sandboxes', { name, seed: 'demo' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return `/sandboxes/${name}`;
}

/** The sandbox as the database holds it, read by a store of its own, with the invariants' verdict. */
async function stored(name: string) {
  const shared = await openPostgres(database, { idleAfterMs: 60_000 });
  try {
    await shared.store.sync(name);
    const state = shared.store.require(name);
    return {
      state,
      events: eventsMatching(shared.store.events(name), {}),
      broken: checkInvariants(state, shared.store.events(name)),
    };
  } finally {
    await shared.close();
  }
}

describe('three instances, one database', () => {
  it('one-time payments through any instance: each once, none lost, the balance their sum', async () => {
    const base = await sandbox('payments');
    const first = await call(
      pick(0),
      'POST',
      `${base}/alarm-com/api/billing/payments`,
      {
        amountCents: 100,
        newBillingMethod: {
          type: 'credit_card',
          card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Jane' },
        },
      },
      { authorization: JANE },
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const methodId = first.body.method.id as number;
    const before = (
      await call(pick(1), 'GET', `${base}/alarm-com/api/billing/summary`, undefined, { authorization: JANE })
    ).body;
    const amounts = Array.from({ length: 60 }, (_, i) => 1 + (i % 3));
    const replies = await Promise.all(
      amounts.map((amountCents, i) =>
        call(
          pick(i),
          'POST',
          `${base}/alarm-com/api/billing/payments`,
          { amountCents, billingMethodId: methodId },
          { authorization: JANE },
        ),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(amounts.map(() => 201));
    const ids = replies.map((r) => r.body.id as number);
    expect(new Set(ids).size).toBe(ids.length);
    // Read on every instance: each shows every acknowledged payment and the same balance.
    const paid = amounts.reduce((s, a) => s + a, 0);
    for (const at of instances) {
      const summary = (
        await call(at, 'GET', `${base}/alarm-com/api/billing/summary`, undefined, { authorization: JANE })
      ).body;
      expect(summary.balanceDueCents).toBe(before.balanceDueCents - paid);
      const listed = (
        await call(at, 'GET', `${base}/alarm-com/api/billing/payments`, undefined, { authorization: JANE })
      ).body;
      const listedIds = new Set((listed.items as { id: number }[]).map((p) => p.id));
      expect(ids.filter((id) => !listedIds.has(id))).toEqual([]);
    }
    const { state, broken } = await stored('payments');
    expect(broken).toEqual([]);
    expect(state.payments.filter((p) => ids.includes(p.id))).toHaveLength(ids.length);
  }, 60_000);

  it('a retry with the same Idempotency-Key, sent to every instance at once, charges once', async () => {
    const base = await sandbox('retries');
    const body = {
      amountCents: 250,
      newBillingMethod: {
        type: 'credit_card',
        card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Jane' },
      },
    };
    const headers = { authorization: JANE, 'idempotency-key': 'order-42' };
    const replies = await Promise.all(
      [0, 1, 2, 0, 1, 2].map((n) => call(pick(n), 'POST', `${base}/alarm-com/api/billing/payments`, body, headers)),
    );
    expect(replies.map((r) => r.status)).toEqual(replies.map(() => 201));
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    const { state, broken } = await stored('retries');
    expect(broken).toEqual([]);
    expect(state.payments.filter((p) => p.amountCents === 250)).toHaveLength(1);
  }, 60_000);

  it('a dealer token from one instance works on the others; a dealer payment covers several invoices, oldest first', async () => {
    await sandbox('dealer');
    const st = (n: number, path: string) => `${pick(n).url}/securitytrax/dealer/user/v1${path}`;
    const auth = await fetch(st(0, '/authenticate'), {
      method: 'POST',
      headers: { 'x-securitytrax-integratorkey': ST_KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'dealer', password: 'dealer-pass' }),
    });
    const token = ((await auth.json()) as { data: { attributes: { token: string } } }).data.attributes.token;
    const h = { 'x-securitytrax-integratorkey': ST_KEY, authorization: `Bearer ${token}`, 'content-type': JSON_API };
    const card = await fetch(st(1, '/customer_billings'), {
      method: 'POST',
      headers: h,
      body: JSON.stringify({
        data: billingData(1, {
          type: 'credit_card',
          card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Jane' },
        }),
      }),
    });
    const cardDoc = (await card.json()) as { data?: { id: string }; errors?: unknown };
    expect(card.status, JSON.stringify(cardDoc)).toBe(201);
    const open = await fetch(
      `${st(2, '/customer_invoices')}?filter=${encodeURIComponent('customer_id = 1 AND balance > 0')}`,
      { headers: h },
    );
    const invoices = ((await open.json()) as { data: { id: string; attributes: { balance: string } }[] }).data;
    expect(invoices.length).toBeGreaterThanOrEqual(2);
    const pay = await fetch(st(0, '/customer_payments'), {
      method: 'POST',
      headers: h,
      body: JSON.stringify({
        data: {
          type: 'customer_payments',
          attributes: { amount: '50.00' },
          relationships: {
            customer: { data: { type: 'customers', id: '1' } },
            customer_billing: { data: { type: 'customer_billings', id: cardDoc.data!.id } },
            customer_invoices: { data: invoices.map((i) => ({ type: 'customer_invoices', id: i.id })) },
          },
        },
      }),
    });
    expect(pay.status, await pay.clone().text()).toBe(201);
    const { state, broken } = await stored('dealer');
    expect(broken).toEqual([]);
    const payment = state.payments.find((p) => p.source === 'dealer')!;
    expect(payment.allocations.map((a) => a.invoiceId)).toEqual(
      invoices.slice(0, payment.allocations.length).map((i) => Number(i.id)),
    );
    expect(payment.allocations.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('clock advances sent to different instances at once run one after the other, each once', async () => {
    const base = await sandbox('clock');
    const start = (await call(pick(0), 'GET', `${base}/__sim/clock`)).body.now as string;
    const replies = await Promise.all(
      [0, 1, 2].map((n) => call(pick(n), 'POST', `${base}/__sim/clock/advance`, { by: 'P1M' })),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    const ends = replies.map((r) => r.body.now as string).sort();
    expect(new Set(ends).size).toBe(3);
    for (const at of instances) expect((await call(at, 'GET', `${base}/__sim/clock`)).body.now).toBe(ends[2]);
    expect(ends[0]! > start).toBe(true);
    const { state, events, broken } = await stored('clock');
    expect(broken).toEqual([]);
    expect(events.filter((e) => e.type === 'clock.advanced' && e.at > start)).toHaveLength(3);
    // One invoice per recurring invoice and month: none made twice.
    const made = state.invoices.map((i) => `${i.recurringInvoiceId}:${i.invoiceDate}`);
    expect(new Set(made).size).toBe(made.length);
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  }, 60_000);

  it('reads your writes: a change acknowledged by one instance is in the next answer of any other', async () => {
    const base = await sandbox('ryw');
    for (let i = 0; i < 15; i++) {
      const minutes = i + 1;
      const write = await call(pick(i), 'PATCH', `${base}/__sim/settings`, { roleCacheMinutes: minutes });
      expect(write.status).toBe(200);
      const read = await call(pick(i + 1), 'GET', `${base}/__sim/settings`);
      expect(read.body.roleCacheMinutes).toBe(minutes);
    }
  }, 60_000);

  it('sandboxes made or removed on one instance are seen by every other; the quota counts them all', async () => {
    const created = await call(pick(1), 'POST', '/__sim/sandboxes', { name: 'seen-everywhere', seed: 'empty' });
    expect(created.status).toBe(201);
    for (const at of instances) expect((await call(at, 'GET', '/__sim/sandboxes/seen-everywhere')).status).toBe(200);
    expect((await call(pick(2), 'POST', '/__sim/sandboxes', { name: 'seen-everywhere', seed: 'empty' })).status).toBe(
      409,
    );
    expect((await call(pick(2), 'DELETE', '/__sim/sandboxes/seen-everywhere')).status).toBe(204);
    for (const at of instances) expect((await call(at, 'GET', '/__sim/sandboxes/seen-everywhere')).status).toBe(404);
    const health = await Promise.all(instances.map((at) => call(at, 'GET', '/__sim/health')));
    expect(new Set(health.map((h) => h.body.sandboxes)).size).toBe(1);
    expect(health[0]!.body.store).toMatchObject({ kind: 'postgresql', database: 'up' });
  }, 60_000);

  it("an advance run by one instance holds the sandbox's writes on every instance; their reads see it move", async () => {
    const created = await call(pick(0), 'POST', '/__sim/sandboxes', { name: 'long', scenario: 'big-dealer-month-end' });
    expect(created.status).toBe(201);
    const base = '/sandboxes/long';
    const start = (await call(pick(1), 'GET', `${base}/__sim/clock`)).body.now as string;
    let done = false;
    const advance = call(pick(0), 'POST', `${base}/__sim/clock/advance`, { by: 'P10Y' }).then((r) => {
      done = true;
      return r;
    });
    // Another instance sees the advance's chunks as they commit...
    let seen = start;
    while (!done && seen === start) seen = (await call(pick(1), 'GET', `${base}/__sim/clock`)).body.now;
    expect(done, 'the advance ended before another instance saw it under way').toBe(false);
    expect(seen > start).toBe(true);
    // ...and a write sent there meanwhile is answered only once the advance has ended, on the advanced state.
    const write = await call(pick(2), 'PATCH', `${base}/__sim/settings`, { roleCacheMinutes: 7 });
    expect(write.status).toBe(200);
    const finished = await advance;
    expect(finished.status).toBe(200);
    const { state, events, broken } = await stored('long');
    expect(broken).toEqual([]);
    expect(state.now).toBe(finished.body.now);
    expect(state.settings.roleCacheMinutes).toBe(7);
    // The write was committed after the advance's last chunk: its event follows the advance's announcement.
    const order = events.filter((e) => e.at >= start).map((e) => e.type);
    expect(order.slice(-2)).toEqual(['clock.advanced', 'settings.updated']);
  }, 120_000);
});
