import { describe, expect, it } from 'vitest';
import { eventsMatching, pageEvents } from './event-page.ts';
import { packedOf, packEvents } from './packed-events.ts';
import { applyPatch, cloneState } from './patch.ts';
import { makeState } from '../../test/support/domain-fixtures.ts';
import type { SimEvent } from './types.ts';

const AT = '2019-01-01T00:00:00.000Z';
const allocations = [{ invoiceId: 1, amountCents: 2999 }];

/** Every layout the packing must give back as it was: ints, strings, nulls, objects, odd numbers, other key sets. */
export function sampleEvents(n: number): SimEvent[] {
  const out: SimEvent[] = [];
  for (let i = 1; i <= n; i++) {
    const k = i % 6;
    const data: Record<string, unknown> =
      k === 0
        ? { invoiceId: i, customerId: 7, invoiceDate: '2019-01-01', totalCents: 2999 }
        : k === 1
          ? { paymentId: i, amountCents: 2999, source: 'auto_pay', allocations }
          : k === 2
            ? { ispId: null, customerId: i }
            : k === 3
              ? { amount: 1.5, big: 2 ** 40, negative: -3, flag: true, roles: ['SecurityTrax'] }
              : k === 4
                ? {}
                : { code: 'x', nested: { a: [1, { b: 'c' }] } };
    out.push({ id: i, at: i % 2 ? AT : `2019-01-0${1 + (i % 9)}T00:00:00.000Z`, type: `t${k}.done`, data });
  }
  return out;
}

describe('packed events', () => {
  it('read back equal to what was pushed, in the same JSON, across chunks', () => {
    const events = sampleEvents(9_000);
    const packed = packEvents(events);
    expect(packed).toHaveLength(9_000);
    expect(Array.isArray(packed)).toBe(true);
    expect(JSON.stringify(packed)).toBe(JSON.stringify(events));
    expect(packed[4_500]).toEqual(events[4_500]);
    expect(packed.at(-1)).toEqual(events.at(-1));
    expect(packed[9_000]).toBeUndefined();
    expect([...packed].map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(packed.slice(4_090, 4_100)).toEqual(events.slice(4_090, 4_100));
    expect(packed.filter((e) => e.type === 't3.done')).toEqual(events.filter((e) => e.type === 't3.done'));
    // A payment's allocations stay the same array (shared with the payment, share-records.ts).
    expect(packed[0]!.data.allocations).toBe(allocations);
  });

  it('keeps an event of another layout whole', () => {
    const odd = [
      { type: 'x', id: 1, at: AT, data: { a: 1 } },
      { id: 2, at: AT, type: 'y', data: [1, 2] },
      { id: 3, at: AT, type: 'z', data: { a: 1 }, extra: true },
    ] as unknown as SimEvent[];
    expect(JSON.stringify(packEvents(odd))).toBe(JSON.stringify(odd));
  });

  it('pages on ids and types as a plain list does', () => {
    const events = sampleEvents(5_000);
    const packed = packEvents(events);
    for (const filter of [
      {},
      { after: 4_100, limit: 50 },
      { type: 't1', after: 10, limit: 1000 },
      { type: 't9' },
      { after: 5_000 },
    ]) {
      expect(pageEvents(packed, filter)).toEqual(pageEvents(events, filter));
    }
  });

  it('is append-only', () => {
    const packed = packEvents(sampleEvents(3));
    packed.push(sampleEvents(4)[3]!);
    expect(packed).toHaveLength(4);
    expect(() => {
      packed[0] = sampleEvents(1)[0]!;
    }).toThrow(TypeError);
    expect(() => packed.pop()).toThrow(TypeError);
  });

  it('a copy shares what both had and appends on its own (clone, copy on write)', () => {
    const events = sampleEvents(4_100);
    const state = { ...makeState(), events: packEvents(events.slice(0, 4_097)) };
    const clone = cloneState(state, { name: 'clone' });
    applyPatch(clone, { events: [events[4_097]!] });
    applyPatch(state, { events: [events[4_098]!, events[4_099]!] });
    applyPatch(clone, { events: [events[4_099]!] });
    expect(packedOf(clone.events)).toBeDefined();
    expect(clone.events.slice(4_095).map((e) => e.id)).toEqual([4_096, 4_097, 4_098, 4_100]);
    expect(state.events.slice(4_095).map((e) => e.id)).toEqual([4_096, 4_097, 4_099, 4_100]);
    expect(JSON.stringify(state.events.slice(0, 4_097))).toBe(JSON.stringify(events.slice(0, 4_097)));
  });
});

describe('eventsMatching (every matching event, for in-process readers)', () => {
  it('gives what a plain list gives, packed or not', () => {
    const events = sampleEvents(5_000);
    const packed = packEvents(events);
    for (const filter of [{}, { after: 4_000 }, { type: 't1' }, { type: 't1', after: 2_500 }, { type: 't9' }]) {
      expect(eventsMatching(packed, filter)).toEqual(eventsMatching(events, filter));
    }
    expect(eventsMatching(events, { type: 't1', after: 2_500 })).toEqual(
      events.filter((e) => e.type === 't1.done' && e.id > 2_500),
    );
    // Without a filter, a copy: appending to it leaves the sandbox's list alone.
    const all = eventsMatching(packed, {});
    all.push(sampleEvents(1)[0]!);
    expect(packed).toHaveLength(5_000);
    expect(all.slice(-16, -1)).toEqual(events.slice(-15));
  });
});
