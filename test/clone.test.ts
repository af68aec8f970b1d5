// Cloning a sandbox shares its lists (copy on write): the clone and its source never see each other's
// writes, and the durable store writes and reloads both exactly.
import type { SandboxState } from '../src/domain/types.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/create-app.ts';
import { seedState } from '../src/seeds/seed-state.ts';
import { jsonFilePersistence } from '../src/store/persistence.ts';
import { createStore } from '../src/store/sandbox-store.ts';
import type { Store } from '../src/store/store.ts';
import { eventsMatching } from '../src/domain/event-page.ts';
import { JSON_API, ST_KEY, stBase } from './support/securitytrax.ts';

const timeline = (store: Store, name: string) => eventsMatching(store.events(name), {});

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('cloning a sandbox (POST /__sim/sandboxes {"from"})', () => {
  it('writes on either side stay on that side, in memory and on disk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-clone-'));
    const store = await createStore(jsonFilePersistence(dir));
    await store.create(seedState('default', { kind: 'demo' }));
    const app = createApp({ store });
    const before = JSON.parse(JSON.stringify(store.require('default'))) as SandboxState;
    const eventsBefore = timeline(store, 'default');

    expect((await app.request('/__sim/sandboxes', json({ name: 'copy', from: 'default' }))).status).toBe(201);
    expect(store.require('copy').invoices).toBe(store.require('default').invoices); // shared until written

    // The clone moves on a month (invoices, Auto Pay, events); the source gets a new customer.
    expect(
      (
        await app.request('/__sim/clock/advance', {
          ...json({ by: 'P1M' }),
          headers: { 'content-type': 'application/json', 'x-sandbox': 'copy' },
        })
      ).status,
    ).toBe(200);
    const key = { 'x-securitytrax-integratorkey': ST_KEY };
    const signedIn = await app.request(`${stBase()}/authenticate`, {
      ...json({ username: 'dealer', password: 'dealer-pass' }),
      headers: { ...key, 'content-type': 'application/json' },
    });
    const token = ((await signedIn.json()) as { data: { attributes: { token: string } } }).data.attributes.token;
    const customer = {
      data: { type: 'customers', attributes: { fname: 'Only', lname: 'Source', email: 'only@example.com' } },
    };
    const headers = { ...key, authorization: `Bearer ${token}`, 'content-type': JSON_API };
    expect(
      (await app.request(`${stBase()}/customers`, { method: 'POST', headers, body: JSON.stringify(customer) })).status,
    ).toBe(201);

    const source = store.require('default');
    const copy = store.require('copy');
    expect(copy.invoices.length).toBeGreaterThan(before.invoices.length);
    expect(source.invoices).toEqual(before.invoices);
    expect(source.now).toBe(before.now);
    expect(source.customers).toHaveLength(before.customers.length + 1);
    expect(copy.customers).toEqual(before.customers);
    const [sourceEvents, copyEvents] = [timeline(store, 'default'), timeline(store, 'copy')];
    expect(sourceEvents.slice(0, eventsBefore.length)).toEqual(eventsBefore);
    expect(copyEvents.slice(0, eventsBefore.length)).toEqual(eventsBefore);
    expect(sourceEvents.at(-1)?.type).toBe('customer.created');
    expect(copyEvents.at(-1)?.type).toBe('clock.advanced');

    await store.flush();
    const reloaded = await createStore(jsonFilePersistence(dir));
    expect(await reloaded.names()).toEqual(['copy', 'default']);
    expect(JSON.parse(JSON.stringify(reloaded.require('copy')))).toEqual(JSON.parse(JSON.stringify(copy)));
    expect(JSON.parse(JSON.stringify(reloaded.require('default')))).toEqual(JSON.parse(JSON.stringify(source)));
  });
});
