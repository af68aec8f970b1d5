import { describe, expect, it } from 'vitest';
import { eventsMatching, eventsOf, pageEvents } from '../domain/event-page.ts';
import type { SimEvent } from '../domain/types.ts';
import { PackedEvents } from './packed-events.ts';

const AT = '2019-01-01T00:00:00.000Z';
const allocations = [{ invoiceId: 1, amountCents: 2999 }];

/** Every layout the packing must give back as it was: ints, strings, nulls, objects, odd numbers, other key sets. */
function sampleEvents(n: number): SimEvent[] {
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

const all = (p: PackedEvents): SimEvent[] => p.slice(0, p.length);

describe('packed events', () => {
  it('read back equal to what was pushed, in the same JSON, across chunks', () => {
    const events = sampleEvents(9_000);
    const packed = PackedEvents.from(events);
    expect(packed.length).toBe(9_000);
    expect(JSON.stringify(all(packed))).toBe(JSON.stringify(events));
    expect(packed.get(4_500)).toEqual(events[4_500]);
    expect(packed.get(8_999)).toEqual(events.at(-1));
    expect(() => packed.get(9_000)).toThrow(RangeError);
    expect(packed.slice(4_090, 4_100)).toEqual(events.slice(4_090, 4_100));
    expect(all(packed).map((e) => e.id)).toEqual(events.map((e) => e.id));
    expect(packed.idAt(4_096)).toBe(events[4_096]!.id);
    expect(packed.typeAt(4_096)).toBe(events[4_096]!.type);
    // A payment's allocations stay the same array (shared with the payment, share-records.ts).
    expect(packed.get(0).data.allocations).toBe(allocations);
  });

  it('keeps an event of another layout whole', () => {
    const odd = [
      { type: 'x', id: 1, at: AT, data: { a: 1 } },
      { id: 2, at: AT, type: 'y', data: [1, 2] },
      { id: 3, at: AT, type: 'z', data: { a: 1 }, extra: true },
    ] as unknown as SimEvent[];
    expect(JSON.stringify(all(PackedEvents.from(odd)))).toBe(JSON.stringify(odd));
  });

  it('pages on ids and types as a plain list does', () => {
    const events = sampleEvents(5_000);
    const packed = PackedEvents.from(events);
    for (const filter of [
      {},
      { after: 4_100, limit: 50 },
      { type: 't1', after: 10, limit: 1000 },
      { type: 't9' },
      { after: 5_000 },
    ]) {
      expect(pageEvents(packed, filter)).toEqual(pageEvents(eventsOf(events), filter));
    }
  });

  it('a copy shares what both had and appends on its own (clone, copy on write)', () => {
    const events = sampleEvents(4_100);
    const source = PackedEvents.from(events.slice(0, 4_097));
    const clone = source.copy();
    clone.push(events[4_097]!);
    source.push(events[4_098]!);
    source.push(events[4_099]!);
    clone.push(events[4_099]!);
    expect(clone.slice(4_095, clone.length).map((e) => e.id)).toEqual([4_096, 4_097, 4_098, 4_100]);
    expect(source.slice(4_095, source.length).map((e) => e.id)).toEqual([4_096, 4_097, 4_099, 4_100]);
    expect(JSON.stringify(source.slice(0, 4_097))).toBe(JSON.stringify(events.slice(0, 4_097)));
  });
});

describe('eventsMatching (every matching event, for in-process readers)', () => {
  it('gives what a plain list gives, packed or not', () => {
    const events = sampleEvents(5_000);
    const packed = PackedEvents.from(events);
    for (const filter of [{}, { after: 4_000 }, { type: 't1' }, { type: 't1', after: 2_500 }, { type: 't9' }]) {
      expect(eventsMatching(packed, filter)).toEqual(eventsMatching(eventsOf(events), filter));
    }
    expect(eventsMatching(eventsOf(events), { type: 't1', after: 2_500 })).toEqual(
      events.filter((e) => e.type === 't1.done' && e.id > 2_500),
    );
  });
});
