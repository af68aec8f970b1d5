// The clock cannot stall the server: a bounded span per advance, and a
// long advance runs a month at a time so other requests are answered while it runs. Ordering is asserted
// with flags, never with durations.
import { describe, expect, it } from 'vitest';
import { advanceClock } from '../../src/domain/advance-clock.ts';
import { sequentialIds } from '../../src/domain/ids.ts';
import { applyPatch, workingCopy } from '../../src/domain/patch.ts';
import { testApp, type TestApp } from '../support/test-app.ts';
import { addRecurringInvoices, dealerApi } from '../support/securitytrax.ts';
import { plainReader } from '../../src/domain/reader.ts';
import type { SimEvent } from '../../src/domain/types.ts';

const P = 'https://trax-sim.dev/problems/';
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Starts a P10Y advance and waits until it has committed its first month but not finished. */
async function advanceUnderWay(t: TestApp): Promise<{ done: () => boolean; finished: Promise<unknown> }> {
  const start = t.state().now;
  let done = false;
  const finished = t.call('POST', '/__sim/clock/advance', { body: { by: 'P10Y' } }).then((r) => {
    done = true;
    return r;
  });
  while (!done && t.state().now === start) await tick();
  expect(done, 'the advance finished before any other request could be answered').toBe(false);
  return { done: () => done, finished };
}

describe('clock advance', () => {
  it('P1000Y (and dates past what a Date holds) are refused up front with a 422 naming the limit; nothing changes', async () => {
    const t = await testApp();
    const before = JSON.stringify(t.state());
    for (const body of [{ by: 'P1000Y' }, { by: 'P10Y1D' }, { by: 'P99999999999999999999D' }, { to: '2100-01-01' }]) {
      const res = await t.call('POST', '/__sim/clock/advance', { body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.type).toBe(`${P}advance-too-long`);
      expect(res.body.detail).toContain('P10Y');
    }
    expect(JSON.stringify(t.state())).toBe(before);
  });

  it('P10Y is allowed, and announced by one clock.advanced event from start to end', async () => {
    const t = await testApp();
    const from = t.state().now;
    const res = await t.call('POST', '/__sim/clock/advance', { body: { by: 'P10Y' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from, now: '2029-03-03T09:00:00.000Z' });
    const announced = res.body.events.filter((e: { type: string }) => e.type === 'clock.advanced');
    expect(announced).toHaveLength(1);
    expect(announced[0].data).toMatchObject({ from, to: '2029-03-03T09:00:00.000Z' });
  });

  it('while a long advance runs, health and other sandboxes are answered before it finishes', async () => {
    const t = await testApp();
    await t.call('POST', '/__sim/sandboxes', { body: { name: 'other' } });
    const advance = await advanceUnderWay(t);
    const health = await t.call('GET', '/__sim/health');
    expect(health.status).toBe(200);
    const other = await t.call('GET', '/__sim/clock', { sandbox: 'other' });
    expect(other.status).toBe(200);
    expect(advance.done()).toBe(false);
    expect(((await advance.finished) as { status: number }).status).toBe(200);
  });

  it('writes to the advancing sandbox wait until it ends; reads see the months done so far', async () => {
    const t = await testApp();
    const advance = await advanceUnderWay(t);
    const read = await t.call('GET', '/__sim/clock');
    expect(read.body.now > '2019-03-03T09:00:00.000Z' && !advance.done()).toBe(true);
    const write = await t.call('PATCH', '/__sim/settings', { body: { roleCacheMinutes: 5 } });
    expect(write.status).toBe(200);
    expect(advance.done()).toBe(true);
    expect(t.state().now).toBe('2029-03-03T09:00:00.000Z');
  });

  it('a year in monthly steps ends in the same state as one step (but for the clock.advanced event)', async () => {
    const t = await testApp();
    const oneStep = workingCopy(t.state());
    const { patch } = advanceClock(oneStep, '2020-03-03T09:00:00.000Z', {
      ids: sequentialIds(oneStep.lastIds).ids,
      read: plainReader,
    });
    applyPatch(oneStep, patch);
    const oneStepEvents = [...t.timeline(), ...(patch.events ?? [])];
    await t.call('POST', '/__sim/clock/advance', { body: { by: 'P1Y' } });
    const stepped = t.state();
    for (const key of ['invoices', 'payments', 'billingMethods', 'recurringInvoices', 'now'] as const)
      expect(stepped[key], key).toEqual(oneStep[key]);
    const types = (events: SimEvent[]) => events.map((e) => `${e.at} ${e.type}`);
    expect(types(t.timeline())).toEqual(types(oneStepEvents));
  });

  it('the answer carries the first 1000 events and a next link to the rest, never an unbounded list', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    await addRecurringInvoices(st, 10);
    const before = t.timeline().length;
    const res = await t.call('POST', '/__sim/clock/advance', { body: { by: 'P10Y' } });
    const made = t
      .timeline()
      .slice(before)
      .map((e) => e.id);
    expect(made.length).toBeGreaterThan(1000);
    expect(res.body.events.map((e: { id: number }) => e.id)).toEqual(made.slice(0, 1000));
    expect(res.body.next).toBe(`/__sim/events?after=${made[999]}&limit=1000`);
    const rest = await t.call('GET', res.body.next);
    expect(rest.body.items[0].id).toBe(made[1000]);
  });
});
