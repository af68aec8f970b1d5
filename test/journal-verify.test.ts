// Request verification, as WireMock's verify: "SetSecurityTraxSettings was called exactly once with
// BillingIntegrationEnabled=true", through trax-sim's verifyRequests and trax-sim/client's journal client,
// against a simulator started the way a consumer starts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJournalClient, RequestVerificationError as ClientError } from '../contracts/clients/index.ts';
import { createWebServicesClient } from '../contracts/clients/web-services-client.ts';
import { RequestVerificationError, type Simulator, startSimulator, verifyRequests } from '../src/index.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
  await fetch(`${sim.url}/__sim/sandboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'verify', seed: 'demo' }),
  });
  // The code under test turns the billing integration on, once, through the SOAP face.
  const adc = createWebServicesClient({
    baseUrl: `${sim.url}/sandboxes/verify`,
    username: 'acme-isp',
    password: 'isp-pass',
  });
  await adc.setSecurityTraxSettings(true);
  await adc.getSecurityTraxSettings();
}, 60_000);
afterAll(() => sim?.close());

// The element may carry a namespace prefix (`<tns:BillingIntegrationEnabled>`): match from `>` on.
const ENABLED = { operation: 'SetSecurityTraxSettings', q: 'BillingIntegrationEnabled>true<', sandbox: 'verify' };

describe('verifying requests from a test', () => {
  it('trax-sim: SetSecurityTraxSettings was called exactly once with BillingIntegrationEnabled=true', async () => {
    const [entry] = await verifyRequests(sim, ENABLED, 1);
    expect(entry!.face).toBe('AlarmComWebServices');
    expect(entry!.request.text).toContain('<Password>***</Password>');
    await verifyRequests(sim.url, { ...ENABLED, q: 'BillingIntegrationEnabled>false<' }, 0);
    await verifyRequests(sim, { sandbox: 'verify', face: 'AlarmComWebServices' }, { atLeast: 2 });
  });

  it('a count that differs throws a readable error listing what matched', async () => {
    const failure = await verifyRequests(sim, { sandbox: 'verify', face: 'AlarmComWebServices' }, 1).catch((e) => e);
    expect(failure).toBeInstanceOf(RequestVerificationError);
    expect(failure.matched).toHaveLength(2);
    expect(failure.message).toMatch(
      /^Expected exactly 1 request\(s\) matching face="AlarmComWebServices" in sandbox "verify"; 2 matched:\n {2}#\d+ \S+ POST \/alarm-com\/WebServices\/CustomerManagement\.asmx -> 200 SetSecurityTraxSettings\n {6}request: .*BillingIntegrationEnabled>true</,
    );
    expect(failure.message).toContain('-> 200 GetSecurityTraxSettings');
  });

  it('when nothing matched, the error lists the sandbox last requests instead', async () => {
    const failure = await verifyRequests(sim, { sandbox: 'verify', operation: 'makePayment' }, { atLeast: 1 }).catch(
      (e) => e,
    );
    expect(failure.message).toMatch(
      /^Expected at least 1 request\(s\) matching operation="makePayment" in sandbox "verify"; 0 matched\.\nIts last 2 request\(s\):\n {2}#\d+ .* -> 200 SetSecurityTraxSettings\n.*\n {2}#\d+ .* -> 200 GetSecurityTraxSettings/,
    );
  });

  it('trax-sim/client: count, list and verify, a predicate over the entries included', async () => {
    const journal = createJournalClient({ baseUrl: sim.url, sandbox: 'verify' });
    expect(await journal.count({ operation: 'SetSecurityTraxSettings' })).toBe(1);
    expect(await journal.count({ status: '2xx', method: 'post' })).toBe(2);
    // The control API's requests are journaled in the sandbox they name (the default one here).
    const control = createJournalClient({ baseUrl: sim.url });
    const [created] = await control.verify({ operation: 'createSandbox' });
    expect(created!.request.json).toEqual({ name: 'verify', seed: 'demo' });
    const seeded = (e: { request: { json?: unknown } }) => (e.request.json as { seed?: string })?.seed === 'demo';
    expect(await control.count({ method: 'POST', where: seeded })).toBe(1);
    const failure = await journal.verify({ operation: 'SetSecurityTraxSettings' }, 2).catch((e) => e);
    expect(failure).toBeInstanceOf(ClientError);
    expect(failure.message).toContain('Expected exactly 2 request(s) matching operation="SetSecurityTraxSettings"');
    await expect(journal.list({ status: 'bad' as never })).rejects.toThrow(/status/);
  });
});
