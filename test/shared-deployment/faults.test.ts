// Faults of a shared deployment, with real processes and a real server: an instance SIGKILLed in the middle
// of a load (20 times) loses nothing it acknowledged; PostgreSQL restarting turns requests into 503s with
// Retry-After in each face's own format, never a half-applied change, and the instances recover by themselves.
import { afterAll, describe, expect, it } from 'vitest';
import { eventsMatching } from '../../src/domain/event-page.ts';
import { checkInvariants } from '../../src/domain/invariants.ts';
import { openPostgres } from '../../src/store/postgres/open-postgres.ts';
import { startInstance, type Instance } from '../support/instance.ts';
import { freshDatabase } from '../support/postgres.ts';
import { startTestPostgres, type TestPostgres } from '../support/postgres-server.ts';
import { ST_KEY } from '../support/securitytrax.ts';

const JANE = `Basic ${Buffer.from('jane:jane-pass').toString('base64')}`;
const CARD = {
  type: 'credit_card',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Jane' },
};
const running: Instance[] = [];
const servers: TestPostgres[] = [];

afterAll(async () => {
  await Promise.all(running.map((i) => i.kill()));
  for (const s of servers) s.destroy();
});

async function launch(database: string): Promise<Instance> {
  const instance = await startInstance(database);
  running.push(instance);
  return instance;
}

/** A payment of one cent; the payment's id when acknowledged (201), null when the request failed. */
async function pay(at: Instance, methodId: number): Promise<{ id: number | null; status: number }> {
  try {
    const res = await fetch(`${at.url}/alarm-com/api/billing/payments`, {
      method: 'POST',
      headers: { authorization: JANE, 'content-type': 'application/json' },
      body: JSON.stringify({ amountCents: 1, billingMethodId: methodId }),
    });
    const body = (await res.json()) as { id?: number };
    return { id: res.status === 201 ? body.id! : null, status: res.status };
  } catch {
    return { id: null, status: 0 }; // the connection died with the instance: not acknowledged
  }
}

async function firstCard(at: Instance): Promise<number> {
  const res = await fetch(`${at.url}/alarm-com/api/billing/payments`, {
    method: 'POST',
    headers: { authorization: JANE, 'content-type': 'application/json' },
    body: JSON.stringify({ amountCents: 1, newBillingMethod: CARD }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { method: { id: number } }).method.id;
}

async function stored(database: string) {
  const shared = await openPostgres(database, {});
  try {
    await shared.store.sync('default');
    const state = shared.store.require('default');
    const events = shared.store.events('default');
    return { state, events: eventsMatching(events, {}), broken: checkInvariants(state, events) };
  } finally {
    await shared.close();
  }
}

describe('a shared deployment under faults', () => {
  it('an instance SIGKILLed in the middle of a load, 20 times, loses nothing it acknowledged', async () => {
    const database = await freshDatabase();
    const instances = [await launch(database)];
    instances.push(...(await Promise.all([launch(database), launch(database)])));
    const methodId = await firstCard(instances[0]!);
    const acknowledged: number[] = [];
    let stop = false;
    const writer = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const { id } = await pay(instances[(n + i) % instances.length]!, methodId);
        if (id !== null) acknowledged.push(id);
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    for (let kill = 0; kill < 20; kill++) {
      const before = acknowledged.length;
      // Wait for the load to be under way (a condition, not a duration), then kill one instance mid-load.
      while (acknowledged.length < before + 5) await new Promise((r) => setImmediate(r));
      const victim = kill % instances.length;
      await instances[victim]!.kill('SIGKILL');
      instances[victim] = await launch(database);
    }
    stop = true;
    await Promise.all(writers);
    const { state, broken } = await stored(database);
    expect(broken).toEqual([]);
    const ids = new Set(state.payments.map((p) => p.id));
    expect(ids.size).toBe(state.payments.length); // no id given twice
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]); // none acknowledged and lost
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    expect(acknowledged.length).toBeGreaterThan(100);
  }, 240_000);

  it('PostgreSQL restarting: 503s with Retry-After in each face, nothing half-applied, recovery by itself', async () => {
    const pg = await startTestPostgres();
    servers.push(pg);
    const instance = await launch(pg.url);
    const second = await launch(pg.url);
    const methodId = await firstCard(instance);
    const acknowledged: number[] = [];
    const statuses = new Set<number>();
    let stop = false;
    // A load across the restart, on both instances: each write acknowledged (201) or refused (503), never lost.
    const writers = [instance, second, instance].map(async (at) => {
      while (!stop) {
        const { id, status } = await pay(at, methodId);
        statuses.add(status);
        if (id !== null) acknowledged.push(id);
      }
    });
    while (acknowledged.length < 10) await new Promise((r) => setImmediate(r));
    pg.stop();
    // While it is down: every face answers 503 in its own format, with Retry-After; health says so.
    const health = await fetch(`${instance.url}/__sim/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('1');
    expect(((await health.json()) as { store: { database: string } }).store.database).toBe('down');
    const billing = await fetch(`${instance.url}/alarm-com/api/billing/summary`, { headers: { authorization: JANE } });
    expect(billing.status).toBe(503);
    expect(billing.headers.get('content-type')).toContain('application/problem+json');
    expect(billing.headers.get('retry-after')).toBe('1');
    expect(((await billing.json()) as { type: string }).type).toMatch(/store-unavailable$/);
    const st = await fetch(`${instance.url}/securitytrax/default/user/v1/customers`, {
      headers: { 'x-securitytrax-integratorkey': ST_KEY, authorization: 'Bearer x' },
    });
    expect(st.status).toBe(503);
    expect(st.headers.get('content-type')).toContain('application/vnd.api+json');
    expect(((await st.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('store-unavailable');
    const soap = await fetch(`${instance.url}/alarm-com/WebServices/CustomerManagement.asmx`, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: '"http://www.alarm.com/WebServices/GetSecurityTraxSettings"',
      },
      body: '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetSecurityTraxSettings xmlns="http://www.alarm.com/WebServices"/></soap:Body></soap:Envelope>',
    });
    expect(soap.status).toBe(500); // a SOAP 1.1 fault, as ASMX answers every fault
    expect(soap.headers.get('retry-after')).toBe('1');
    expect(await soap.text()).toContain('StoreUnavailable');
    pg.start();
    // Back: the instance answers again by itself, and shows exactly what was acknowledged.
    let after = await fetch(`${instance.url}/__sim/health`);
    for (let i = 0; i < 50 && after.status !== 200; i++) after = await fetch(`${instance.url}/__sim/health`);
    expect(after.status).toBe(200);
    const resumed = acknowledged.length;
    while (acknowledged.length < resumed + 10) await new Promise((r) => setImmediate(r));
    stop = true;
    await Promise.all(writers);
    expect(statuses).toContain(503);
    expect([...statuses].filter((s) => s !== 201 && s !== 503)).toEqual([]);
    const { state, broken } = await stored(pg.url);
    expect(broken).toEqual([]);
    const ids = state.payments.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(acknowledged.filter((id) => !ids.includes(id))).toEqual([]);
    // What was refused left nothing: the payments are the card's first one and the acknowledged ones.
    expect(state.payments.filter((p) => p.amountCents === 1)).toHaveLength(acknowledged.length + 1);
  }, 120_000);
});
