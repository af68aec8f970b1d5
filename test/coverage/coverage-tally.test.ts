// The coverage tally, in memory and in PostgreSQL (a real server): counts and the first request per key,
// tags, a sandbox's coverage gone with it; in PostgreSQL, two instances' counts add up.
import { afterEach, describe, expect, it } from 'vitest';
import { seedState } from '../../src/seeds/seed-state.ts';
import { type CoverageTally, createCoverageTally, type FirstRequest } from '../../src/store/coverage.ts';
import { openPostgres } from '../../src/store/postgres/open-postgres.ts';
import { freshDatabase } from '../support/postgres.ts';

const request = (n: number): FirstRequest => ({
  at: `2019-03-0${n}T00:00:00.000Z`,
  method: 'GET',
  path: `/alarm-com/api/billing/summary?n=${n}`,
  status: 200,
  operationId: 'getBillingSummary',
  journalId: null,
});

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** `settle`: every instance's pending counts written (another instance's arrive within its flush interval). */
type Tallies = { tallies: CoverageTally[]; create(name: string): Promise<void>; settle(): Promise<void> };

const BACKINGS: [string, () => Promise<Tallies>][] = [
  ['memory', async () => ({ tallies: [createCoverageTally()], create: async () => {}, settle: async () => {} })],
  [
    'postgresql, two instances',
    async () => {
      const url = await freshDatabase();
      const a = await openPostgres(url, {});
      const b = await openPostgres(url, {});
      opened.push(a, b);
      return {
        tallies: [a.coverage, b.coverage],
        create: (name) => a.store.create(seedState(name, { kind: 'empty' })),
        settle: async () => {
          await Promise.all([a.coverage.flush(), b.coverage.flush()]);
        },
      };
    },
  ],
];

describe.each(BACKINGS)('coverage tally: %s', (_, make) => {
  it('counts each behaviour (once per request) and operation, keeping the first request', async () => {
    const { tallies, create, settle } = await make();
    await create('one');
    const [a, b = a] = tallies;
    a!.record('one', ['past-due', 'mmr-only', 'past-due'], 'getBillingSummary 200', request(1));
    b!.record('one', ['past-due'], 'getBillingSummary 200', request(2));
    a!.record('one', [], null, request(3));
    await settle();
    const read = await b!.read('one');
    expect(read?.behaviours.get('past-due')?.count).toBe(2);
    expect(read?.behaviours.get('mmr-only')).toEqual({ count: 1, first: request(1) });
    expect(read?.operations.get('getBillingSummary 200')?.count).toBe(2);
    expect([...(read?.behaviours.keys() ?? [])].sort()).toEqual(['mmr-only', 'past-due']);
  });

  it('finds sandboxes by tag, and forgets a sandbox cleared', async () => {
    const { tallies, create, settle } = await make();
    const [a, b = a] = tallies;
    for (const name of ['x', 'y', 'z']) await create(name);
    await a!.tag('x', 'run-1');
    await b!.tag('y', 'run-1');
    await a!.tag('z', 'run-2');
    a!.record('x', ['past-due'], null, request(1));
    await settle();
    expect((await b!.tagged('run-1')).sort()).toEqual(['x', 'y']);
    expect(await a!.tagged('run-3')).toEqual([]);
    expect((await a!.read('x'))?.tag).toBe('run-1');
    await b!.clear('x');
    expect(await a!.read('x')).toBeUndefined();
    expect((await a!.tagged('run-1')).sort()).toEqual(['y']);
  });
});

describe('coverage tally: postgresql', () => {
  it('drops the counts of a sandbox deleted before they were written', async () => {
    const url = await freshDatabase();
    const a = await openPostgres(url, {});
    opened.push(a);
    await a.store.create(seedState('gone', { kind: 'empty' }));
    await a.store.delete('gone');
    a.coverage.record('gone', ['past-due'], null, request(1));
    await a.coverage.flush();
    expect(await a.coverage.read('gone')).toBeUndefined();
  });
});
