// Alarm.com web services down or slow while a dealer enables the Billing Integration: a clear problem
// (503 alarm-com-unavailable / 504 alarm-com-timeout) within a bounded time, and nothing half-done on
// either side (ISP flag off, the Alarm.com credential's settings unchanged), even after the slow call ends.
import { describe, expect, it } from 'vitest';
import type { SandboxState } from '../../src/domain/types.ts';
import type { Sleep } from '../../src/services/alarm-com-web-services.ts';
import { testApp, type TestApp } from '../support/test-app.ts';
import { soapCall } from '../support/soap.ts';
import { dealerApi, JSON_API } from '../support/securitytrax.ts';

/** A fresh Alarm.com credential with the SecurityTrax Role and an ISP using it, integration off. */
async function freshIsp(t: TestApp): Promise<{ ispId: number; credentialId: number }> {
  const cred = await t.call('POST', '/__sim/alarm-com-credentials', {
    body: { username: 'fresh-isp', password: 'fresh-pass', roles: ['SecurityTrax'] },
  });
  expect(cred.status).toBe(201);
  const isp = await dealerApi(t).post('/interactive_services_providers', {
    type: 'interactive_services_providers',
    attributes: { name: 'Fresh', username: 'fresh-isp', password: 'fresh-pass' },
  });
  expect(isp.status).toBe(201);
  expect(isp.body.data.attributes.billing_integration).toBe(false);
  return { ispId: Number(isp.body.data.id), credentialId: cred.body.id };
}

const sides = (s: SandboxState, ispId: number, credentialId: number) => ({
  isp: s.isps.find((i) => i.id === ispId),
  credential: s.adcCredentials.find((c) => c.id === credentialId),
});

const enable = (t: TestApp, ispId: number) =>
  dealerApi(t).patch(`/interactive_services_providers/${ispId}`, {
    type: 'interactive_services_providers',
    id: String(ispId),
    attributes: { billing_integration: true },
  });

describe('Alarm.com web services faults while enabling the Billing Integration', () => {
  it('down: 503 alarm-com-unavailable, ISP flag off, Alarm.com settings untouched', async () => {
    const t = await testApp();
    const { ispId, credentialId } = await freshIsp(t);
    expect((await t.call('PUT', '/__sim/faults', { body: { alarmComWebServices: 'down' } })).status).toBe(200);
    const before = structuredClone(sides(t.state(), ispId, credentialId));
    const res = await enable(t, ispId);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe(JSON_API);
    expect(res.body.errors[0]).toMatchObject({
      status: '503',
      code: 'alarm-com-unavailable',
      source: { pointer: '/data/attributes/billing_integration' },
    });
    expect(res.body.errors[0].detail).toMatch(/down/);
    expect(sides(t.state(), ispId, credentialId)).toEqual(before);
    expect(
      (await dealerApi(t).get(`/interactive_services_providers/${ispId}`)).body.data.attributes.billing_integration,
    ).toBe(false);
    // Only the failed attempt is on the timeline.
    const events = (await t.call('GET', '/__sim/events')).body.items.map((e: { type: string }) => e.type);
    expect(events.filter((e: string) => e === 'integration.enable_failed')).toHaveLength(1);
    // Back up, the same request succeeds and both sides agree.
    await t.call('PUT', '/__sim/faults', { body: { alarmComWebServices: 'up' } });
    expect((await enable(t, ispId)).status).toBe(200);
    const after = sides(t.state(), ispId, credentialId);
    expect(after.isp!.billingIntegration).toBe(true);
    expect(after.credential!.securityTraxSettings.billingIntegrationEnabled).toBe(true);
  });

  it('slow past adcTimeoutMs: 504 alarm-com-timeout without waiting for the slow call; nothing lands afterwards', async () => {
    // The slow call never ends by itself (no dependence on how fast the machine is): the answer can
    // only come from the timeout, which aborts it.
    const slowCalls: number[] = [];
    const sleep: Sleep = (ms, signal) =>
      new Promise<void>((_resolve, reject) => {
        slowCalls.push(ms);
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    const t = await testApp({ sleep });
    const { ispId, credentialId } = await freshIsp(t);
    expect((await t.call('PATCH', '/__sim/settings', { body: { adcTimeoutMs: 100 } })).status).toBe(200);
    expect((await t.call('PUT', '/__sim/faults', { body: { alarmComWebServices: 'slow', slowMs: 600 } })).status).toBe(
      200,
    );
    const before = structuredClone(sides(t.state(), ispId, credentialId));
    const res = await enable(t, ispId);
    expect(slowCalls).toEqual([600]); // the slow call was made, and the answer did not wait for it
    expect(res.status).toBe(504);
    expect(res.headers.get('content-type')).toBe(JSON_API);
    expect(res.body.errors[0]).toMatchObject({ status: '504', code: 'alarm-com-timeout' });
    expect(res.body.errors[0].detail).toMatch(/100 ms/);
    expect(sides(t.state(), ispId, credentialId)).toEqual(before);
    await new Promise((r) => setImmediate(r)); // whatever the aborted call still runs: no late write
    expect(sides(t.state(), ispId, credentialId)).toEqual(before);
  });

  it('slow but within the timeout: succeeds, both sides enabled', async () => {
    const slowCalls: number[] = [];
    const t = await testApp({ sleep: async (ms) => void slowCalls.push(ms) }); // ends at once, well within the timeout
    const { ispId, credentialId } = await freshIsp(t);
    await t.call('PATCH', '/__sim/settings', { body: { adcTimeoutMs: 2000 } });
    await t.call('PUT', '/__sim/faults', { body: { alarmComWebServices: 'slow', slowMs: 30 } });
    const res = await enable(t, ispId);
    expect(res.status).toBe(200);
    expect(slowCalls.length).toBeGreaterThan(0);
    const after = sides(t.state(), ispId, credentialId);
    expect(after.isp!.billingIntegration).toBe(true);
    expect(after.credential!.securityTraxSettings.billingIntegrationEnabled).toBe(true);
  });

  it('the web services themselves answer a Server fault when down, before checking credentials', async () => {
    const t = await testApp();
    await t.call('PUT', '/__sim/faults', { body: { alarmComWebServices: 'down' } });
    const before = JSON.stringify(t.state().adcCredentials);
    const res = await soapCall(t, 'SetSecurityTraxSettings', ['acme-isp', 'wrong'], {
      BillingIntegrationEnabled: 'false',
    });
    expect(res.status).toBe(500);
    expect(res.answer).toMatchObject({
      kind: 'fault',
      fault: { code: 'AlarmComUnavailable', faultcode: 'soap:Server', subcode: 'AlarmComUnavailable' },
    });
    expect(JSON.stringify(t.state().adcCredentials)).toBe(before);
  });
});
