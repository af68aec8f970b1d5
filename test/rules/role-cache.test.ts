import { describe, expect, it } from 'vitest';
import { ADA, ADA_SETUP, dealerOf, eventTypes, ruleApp } from './rule-app.ts';

// "It may take up to an hour for the end users to see the Billing screen" (src/domain/role-cache.ts):
// an hour in a new sandbox, refreshed by the clock; a given (seeded) integration is ready at once.

const screen = async (t: Awaited<ReturnType<typeof ruleApp>>) => {
  const res = await t.on('GET', '/alarm-com/api/billing/summary', { auth: ADA });
  return res.status === 200 ? 'billing' : (res.body.reasons as { code: string }[]).map((r) => r.code).join();
};

describe('the Alarm.com role cache, through HTTP', () => {
  it('a seeded integration is ready at once', async () => {
    const t = await ruleApp();
    expect(await screen(t)).toBe('billing');
  });

  it('after the dealer enables the integration, Billing shows an hour later by default, when the clock refreshes the cache', async () => {
    const isps = ADA_SETUP.isps!.map((i) => ({ ...i, billingIntegration: false }));
    const t = await ruleApp({ ...ADA_SETUP, isps });
    expect((await t.on('GET', '/__sim/settings')).body.roleCacheMinutes).toBe(60);
    expect(await screen(t)).toBe('integration-not-enabled');
    const enabled = await dealerOf(t).patch(`/interactive_services_providers/${t.refs.acme}`, {
      type: 'interactive_services_providers',
      id: String(t.refs.acme),
      attributes: { billing_integration: true },
    });
    expect(enabled.status).toBe(200);
    expect(enabled.body.data.attributes.role_cache_refreshed_at).toBeNull();
    expect(await screen(t)).toBe('role-cache-pending');
    await t.on('POST', '/__sim/clock/advance', { body: { by: 'PT59M59S' } });
    expect(await screen(t)).toBe('role-cache-pending');
    expect(await eventTypes(t)).not.toContain('role_cache.refreshed');
    const step = await t.on('POST', '/__sim/clock/advance', { body: { by: 'PT1S' } });
    expect(step.body.events.at(-1)).toMatchObject({ type: 'clock.advanced', data: { actions: 1 } });
    expect(await eventTypes(t)).toContain('role_cache.refreshed');
    expect(await screen(t)).toBe('billing');
    const isp = await dealerOf(t).get(`/interactive_services_providers/${t.refs.acme}`);
    expect(isp.body.data.attributes.role_cache_refreshed_at).toBe('2019-01-15T10:00:00.000Z');
  });

  it('an integration disabled before the cache catches up is not refreshed; a refreshed cache is not refreshed again', async () => {
    const isps = ADA_SETUP.isps!.map((i) => ({ ...i, billingIntegration: false }));
    const t = await ruleApp({ ...ADA_SETUP, isps });
    const flag = (on: boolean) =>
      dealerOf(t).patch(`/interactive_services_providers/${t.refs.acme}`, {
        type: 'interactive_services_providers',
        id: String(t.refs.acme),
        attributes: { billing_integration: on },
      });
    await flag(true);
    await t.on('POST', '/__sim/clock/advance', { body: { by: 'PT30M' } });
    await flag(false);
    await t.on('POST', '/__sim/clock/advance', { body: { by: 'PT2H' } });
    expect(await eventTypes(t)).not.toContain('role_cache.refreshed');
    await flag(true);
    await t.on('POST', '/__sim/clock/advance', { body: { by: 'P1D' } });
    expect((await eventTypes(t)).filter((e) => e === 'role_cache.refreshed')).toHaveLength(1);
    expect(await screen(t)).toBe('billing');
  });

  it('a changed interval applies to the next enablement; 0 shows Billing at once', async () => {
    const isps = ADA_SETUP.isps!.map((i) => ({ ...i, billingIntegration: false }));
    const t = await ruleApp({ ...ADA_SETUP, isps, settings: { roleCacheMinutes: 0 } });
    await dealerOf(t).patch(`/interactive_services_providers/${t.refs.acme}`, {
      type: 'interactive_services_providers',
      id: String(t.refs.acme),
      attributes: { billing_integration: true },
    });
    expect(await screen(t)).toBe('billing');
    await dealerOf(t).patch(`/interactive_services_providers/${t.refs.acme}`, {
      type: 'interactive_services_providers',
      id: String(t.refs.acme),
      attributes: { billing_integration: false },
    });
    await t.on('PATCH', '/__sim/settings', { body: { roleCacheMinutes: 15 } });
    await dealerOf(t).patch(`/interactive_services_providers/${t.refs.acme}`, {
      type: 'interactive_services_providers',
      id: String(t.refs.acme),
      attributes: { billing_integration: true },
    });
    expect(await screen(t)).toBe('role-cache-pending');
    await t.on('POST', '/__sim/clock/advance', { body: { by: 'PT15M' } });
    expect(await screen(t)).toBe('billing');
  });
});
