// One contract, every store: in memory, the data folder, and PostgreSQL (a real server). What the services
// rely on holds the same whichever store runs under them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsMatching } from '../../src/domain/event-page.ts';
import type { Patch } from '../../src/domain/patch.ts';
import type { SandboxState } from '../../src/domain/types.ts';
import { seedState } from '../../src/seeds/seed-state.ts';
import { jsonFilePersistence, memoryPersistence } from '../../src/store/persistence.ts';
import { openPostgres } from '../../src/store/postgres/open-postgres.ts';
import { createStore } from '../../src/store/sandbox-store.ts';
import type { Store } from '../../src/store/store.ts';
import { freshDatabase } from '../support/postgres.ts';

type Backing = { open(): Promise<Store> };
const opened: { close(): Promise<void> }[] = [];

const BACKINGS: [string, { durable: boolean; make: () => Promise<Backing> }][] = [
  [
    'memory',
    { durable: false, make: async () => ({ open: () => createStore(memoryPersistence(), { maxSandboxes: 3 }) }) },
  ],
  [
    'data folder',
    {
      durable: true,
      make: async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'trax-contract-'));
        return { open: () => createStore(jsonFilePersistence(dir), { maxSandboxes: 3 }) };
      },
    },
  ],
  [
    'postgresql',
    {
      durable: true,
      make: async () => {
        const url = await freshDatabase();
        return {
          async open() {
            const shared = await openPostgres(url, { maxSandboxes: 3 });
            opened.push(shared);
            return shared.store;
          },
        };
      },
    },
  ],
];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** A patch adding one customer and its event, ids continuing from lastIds (as commands make them). */
function addCustomer(state: Readonly<SandboxState>, n: number): { patch: Patch; result: number } {
  const id = (state.lastIds.customer ?? 0) + 1;
  const eventId = (state.lastIds.event ?? 0) + 1;
  return {
    patch: {
      upsert: {
        customers: [
          {
            id,
            firstName: `C${n}`,
            lastName: 'Contract',
            email: `c${n}@example.com`,
            ispId: null,
            createdAt: state.now,
          },
        ],
      },
      events: [{ id: eventId, at: state.now, type: 'customer.created', data: { customerId: id } }],
      lastIds: { ...state.lastIds, customer: id, event: eventId },
    },
    result: id,
  };
}

const demo = (name = 'default') => seedState(name, { kind: 'demo' });
const whole = async (store: Store, name: string) => {
  await store.sync(name);
  return { state: store.require(name), events: eventsMatching(store.events(name), {}) };
};

describe.each(BACKINGS)('the %s store', (_label, { durable, make: backing }) => {
  it('creates, lists, writes and reads back; the timeline grows with the patches', async () => {
    const b = await backing();
    const store = await b.open();
    await store.create(demo());
    expect(await store.names()).toEqual(['default']);
    const before = (await whole(store, 'default')).events.length;
    const ids = await Promise.all([1, 2, 3].map((n) => store.write('default', (s) => addCustomer(s, n))));
    expect(new Set(ids).size).toBe(3);
    await store.unwritten('default');
    const after = await whole(store, 'default');
    expect(after.state.customers.filter((c) => c.lastName === 'Contract').map((c) => c.firstName)).toEqual([
      'C1',
      'C2',
      'C3',
    ]);
    expect(after.events.length).toBe(before + 3);
    // The state the rules read is plain data.
    expect(structuredClone(after.state)).toEqual(after.state);
  });

  it('a command that throws changes nothing, and the next one goes on', async () => {
    const store = await (await backing()).open();
    await store.create(demo());
    const before = JSON.stringify(await whole(store, 'default'));
    await expect(
      store.write('default', () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(JSON.stringify(await whole(store, 'default'))).toBe(before);
    await store.write('default', (s) => addCustomer(s, 9));
    expect((await whole(store, 'default')).state.customers.at(-1)?.firstName).toBe('C9');
  });

  it('refuses a name that is taken and one past the quota; a deleted name is free again', async () => {
    const store = await (await backing()).open();
    await store.create(demo('a'));
    await expect(store.create(demo('a'))).rejects.toMatchObject({ code: 'sandbox-exists' });
    await store.create(demo('b'));
    await store.create(demo('c'));
    await expect(store.create(demo('d'))).rejects.toMatchObject({ code: 'sandbox-quota-reached' });
    await store.sync('c');
    await store.delete('c');
    expect(await store.names()).toEqual(['a', 'b']);
    await store.sync('c');
    expect(store.get('c')).toBeUndefined();
    await store.create(demo('c'));
  });

  it('replace gives a new incarnation and a new state; a clone keeps to itself', async () => {
    const store = await (await backing()).open();
    await store.create(demo());
    await store.write('default', (s) => addCustomer(s, 1));
    const first = (await whole(store, 'default')).state.incarnation;
    await store.clone('default', 'copy');
    await store.write('copy', (s) => addCustomer(s, 2));
    await store.write('default', (s) => addCustomer(s, 3));
    const [source, copy] = [await whole(store, 'default'), await whole(store, 'copy')];
    expect(source.state.customers.at(-1)?.firstName).toBe('C3');
    expect(copy.state.customers.at(-1)?.firstName).toBe('C2');
    expect(copy.state.incarnation).not.toBe(first);
    await store.replace(seedState('default', { kind: 'empty' }));
    const reset = await whole(store, 'default');
    expect(reset.state.customers).toEqual([]);
    expect(reset.state.incarnation).not.toBe(first);
    expect((await whole(store, 'copy')).state.customers.at(-1)?.firstName).toBe('C2');
  });

  // Memory is the only copy of an in-memory store: nothing to open again.
  it.runIf(durable)('a store opened again on the same data holds exactly what the first one committed', async () => {
    const b = await backing();
    const store = await b.open();
    await store.create(demo());
    await store.clone('default', 'copy');
    for (let i = 0; i < 5; i++) await store.write('default', (s) => addCustomer(s, i));
    await store.write('copy', (s) => addCustomer(s, 99));
    const expected = [await whole(store, 'default'), await whole(store, 'copy')];
    await store.close();
    const again = await b.open();
    expect(await again.names()).toEqual(['copy', 'default']);
    expect([await whole(again, 'default'), await whole(again, 'copy')]).toEqual(expected);
  });
});
