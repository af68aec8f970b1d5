// Unbounded growth: the events listing is paged (default 100, at most 1000, a `next`
// link), and the request journal keeps the last 500 requests per sandbox.
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/test-app.ts';

describe('events and journal are bounded', () => {
  it('GET /__sim/events answers at most 100 by default, and `next` walks every event exactly once', async () => {
    const t = await testApp();
    await t.call('POST', '/__sim/clock/advance', { body: { by: 'P5Y' } });
    const all = t.timeline().map((e) => e.id);
    expect(all.length).toBeGreaterThan(100);
    const seen: number[] = [];
    let link: string | null = '/__sim/events';
    for (let pages = 0; link !== null; pages++) {
      const res = await t.call('GET', link);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(100);
      seen.push(...res.body.items.map((e: { id: number }) => e.id));
      link = res.body.next;
      expect(pages).toBeLessThan(all.length);
    }
    expect(seen).toEqual(all);
  });

  it('a type filter and a limit are kept in the next link; limits past 1000 are a 422', async () => {
    const t = await testApp();
    await t.call('POST', '/__sim/clock/advance', { body: { by: 'P1Y' } });
    const first = await t.call('GET', '/__sim/events?type=payment&limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items.every((e: { type: string }) => e.type.startsWith('payment.'))).toBe(true);
    expect(first.body.next).toBe(`/__sim/events?after=${first.body.items[1].id}&limit=2&type=payment`);
    const second = await t.call('GET', first.body.next);
    expect(second.body.items[0].id).toBeGreaterThan(first.body.items[1].id);
    const tooMany = await t.call('GET', '/__sim/events?limit=1001');
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].path).toBe('/query/limit');
  });

  it('the journal keeps at most the last 500 requests of a sandbox', async () => {
    const t = await testApp();
    for (let i = 0; i < 1100; i++) await t.call('GET', '/__sim/clock');
    const journal = await t.call('GET', '/__sim/journal');
    expect(journal.body.items.length).toBeLessThanOrEqual(500);
    expect(journal.body.items.at(-1).path).toBe('/__sim/clock');
  });
});
