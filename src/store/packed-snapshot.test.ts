import { describe, expect, it } from 'vitest';
import { makeState } from '../../test/support/domain-fixtures.ts';
import type { SimEvent } from '../domain/types.ts';
import { PackedEvents } from './packed-events.ts';
import { parseSnapshot, serializeSnapshot } from './snapshot.ts';

const AT = '2019-01-01T00:00:00.000Z';

const events = (n: number): SimEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    at: AT,
    type: i % 2 ? 'invoice.created' : 'payment.succeeded',
    data:
      i % 3
        ? { invoiceId: i, dueDate: '2019-01-01' }
        : { paymentId: i, allocations: [{ invoiceId: i, amountCents: 5 }], ispId: null },
  }));

describe('snapshot of a packed timeline', () => {
  it('a snapshot of a packed timeline is the same text as of the plain document, and loads back', async () => {
    const list = events(7_000);
    const state = makeState();
    const text = await serializeSnapshot({ ...state, events: list }, 3);
    expect(await serializeSnapshot({ state, events: PackedEvents.from(list) }, 3)).toBe(text);
    expect(JSON.parse(text)).toEqual({ ...JSON.parse(JSON.stringify(state)), events: list, walSeq: 3 });
    const loaded = parseSnapshot(text);
    expect(loaded.seq).toBe(3);
    expect(JSON.stringify(loaded.doc.events)).toBe(JSON.stringify(list));
  });
});
