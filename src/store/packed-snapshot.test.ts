import { describe, expect, it } from 'vitest';
import { packEvents } from '../domain/packed-events.ts';
import { makeState } from '../../test/support/domain-fixtures.ts';
import type { SimEvent } from '../domain/types.ts';
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
  it('a snapshot of a packed timeline is the same text, and loads back', async () => {
    const list = events(7_000);
    const plain = { ...makeState(), events: list };
    const text = await serializeSnapshot(plain, 3);
    expect(await serializeSnapshot({ ...plain, events: packEvents(list) }, 3)).toBe(text);
    const loaded = parseSnapshot(text);
    expect(JSON.stringify(packEvents(loaded.state.events))).toBe(JSON.stringify(list));
  });
});
