import { describe, expect, it } from 'vitest';
import { eventsOf, MAX_EVENT_PAGE, pageEvents } from './event-page.ts';
import type { SimEvent } from './types.ts';

const list: SimEvent[] = Array.from({ length: 250 }, (_, i) => ({
  id: i + 1,
  at: '2019-03-03T00:00:00.000Z',
  type: i % 2 ? 'payment.failed' : 'invoice.created',
  data: {},
}));
const events = eventsOf(list);

describe('pageEvents', () => {
  it('answers 100 by default, with where the next page starts', () => {
    const page = pageEvents(events, {});
    expect(page.items.map((e) => e.id)).toEqual(list.slice(0, 100).map((e) => e.id));
    expect(page.nextAfter).toBe(100);
    expect(pageEvents(events, { after: 200 }).nextAfter).toBeNull();
  });

  it('filters by type (and sub-types) after an id, and caps the limit', () => {
    const page = pageEvents(events, { type: 'payment', after: 10, limit: 3 });
    expect(page.items.map((e) => e.id)).toEqual([12, 14, 16]);
    expect(page.nextAfter).toBe(16);
    expect(pageEvents(events, { limit: 5000 }).filter.limit).toBe(MAX_EVENT_PAGE);
    expect(pageEvents(events, { type: 'invoice', after: 249 }).items).toEqual([]);
  });
});
