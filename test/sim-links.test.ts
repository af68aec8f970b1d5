// A base URL is enough: the links /__sim answers with keep the /sandboxes/{name} prefix the request came with,
// so a client that follows them stays in its sandbox (not the default one).
import { describe, expect, it } from 'vitest';
import { addRecurringInvoices, dealerApi } from './support/securitytrax.ts';
import { testApp } from './support/test-app.ts';

describe('links of /__sim keep the sandbox prefix', () => {
  it("the events page's next link, followed, lists the next events of the same sandbox", async () => {
    const t = await testApp();
    expect(
      (await t.call('POST', '/__sim/sandboxes', { body: { name: 'linked', scenario: 'three-past-due' } })).status,
    ).toBe(201);
    const first = await t.call('GET', '/sandboxes/linked/__sim/events?limit=2');
    expect(first.body.next).toBe(`/sandboxes/linked/__sim/events?after=${first.body.items[1].id}&limit=2`);
    const second = await t.call('GET', first.body.next);
    const byHeader = await t.call('GET', `/__sim/events?after=${first.body.items[1].id}&limit=2`, {
      sandbox: 'linked',
    });
    expect(second.body.items).toEqual(byHeader.body.items);
    expect(second.body.next).toBe(byHeader.body.next === null ? null : `/sandboxes/linked${byHeader.body.next}`);
    const unprefixed = await t.call('GET', '/__sim/events?limit=2', { sandbox: 'linked' });
    expect(unprefixed.body.next).toBe(`/__sim/events?after=${unprefixed.body.items[1].id}&limit=2`);
  });

  it("the clock advance's next link keeps the prefix too", async () => {
    const t = await testApp();
    const st = dealerApi(t);
    await addRecurringInvoices(st, 10);
    expect((await t.call('POST', '/__sim/sandboxes', { body: { name: 'many', from: 'default' } })).status).toBe(201);
    const res = await t.call('POST', '/sandboxes/many/__sim/clock/advance', { body: { by: 'P10Y' } });
    expect(res.status).toBe(200);
    expect(res.body.next).toMatch(/^\/sandboxes\/many\/__sim\/events\?after=\d+&limit=1000$/);
    const rest = await t.call('GET', res.body.next);
    expect(rest.status).toBe(200);
    expect(rest.body.items[0].id).toBe(res.body.events[999].id + 1);
    expect(t.timeline('default').length).toBeLessThan(t.timeline('many').length);
  });
});
