// Proof by a client nobody here wrote: node-soap loads the WSDL the running server serves and calls the
// Alarm.com web services in SOAP 1.1 and 1.2, with the credentials in the Authentication SOAP header.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as soap from 'soap';
import { startServer, type RunningServer } from '../../src/server.ts';
import { loadScenarioSeeder } from '../../src/scenarios/scenario-seeder.ts';
import { recordViolation } from '../support/violations.ts';

const ADC_NS = 'http://www.alarm.com/WebServices';
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    port: 0,
    dataDir: null,
    scenarios: loadScenarioSeeder(),
    strict: true,
    onViolation: recordViolation,
  });
});
afterAll(async () => {
  await server?.close();
});

type Call = (args: unknown) => Promise<[Record<string, any>, string]>;

async function clientFor(wsdlUrl: string, user: string, password: string, forceSoap12Headers: boolean) {
  const client = await soap.createClientAsync(wsdlUrl, { forceSoap12Headers });
  client.addSoapHeader(
    { Authentication: { User: user, Password: password, TwoFactorDeviceId: '' } },
    '',
    'adc',
    ADC_NS,
  );
  return client as unknown as Record<'GetSecurityTraxSettingsAsync' | 'SetSecurityTraxSettingsAsync', Call> &
    soap.Client;
}

const faultOf = (err: any) => err?.root?.Envelope?.Body?.Fault;

async function sandbox(name: string, scenario: string) {
  const res = await fetch(`${server.url}/__sim/sandboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, scenario }),
  });
  expect(res.status).toBe(201);
  return `${server.url}/sandboxes/${name}/alarm-com/WebServices/CustomerManagement.asmx?WSDL`;
}

describe.each([
  { version: '1.1', soap12: false },
  { version: '1.2', soap12: true },
])('node-soap over the served WSDL, SOAP $version', ({ version, soap12 }) => {
  const tag = version.replace('.', '');

  it('the WSDL points at the URL it was fetched from (sandbox prefix included)', async () => {
    const wsdl = await sandbox(`soap-wsdl-${tag}`, 'role-cache-delay');
    const client = await clientFor(wsdl, 'acme-isp', 'isp-pass', soap12);
    const described = client.describe() as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(described.CustomerManagement!)).toEqual(['CustomerManagementSoap', 'CustomerManagementSoap12']);
    expect(Object.keys(described.CustomerManagement!.CustomerManagementSoap!)).toEqual([
      'GetSecurityTraxSettings',
      'SetSecurityTraxSettings',
    ]);
    const [result] = await client.GetSecurityTraxSettingsAsync({});
    expect(client.lastEndpoint).toBe(wsdl.replace('?WSDL', ''));
    expect(result.GetSecurityTraxSettingsResult).toMatchObject({ Success: true, BillingIntegrationEnabled: false });
  });

  it('Get, Set, and read the setting back with good credentials', async () => {
    const wsdl = await sandbox(`soap-set-${tag}`, 'role-cache-delay');
    const client = await clientFor(wsdl, 'acme-isp', 'isp-pass', soap12);
    const [set] = await client.SetSecurityTraxSettingsAsync({ BillingIntegrationEnabled: true });
    expect(set.SetSecurityTraxSettingsResult).toMatchObject({ Success: true, BillingIntegrationEnabled: true });
    const [got] = await client.GetSecurityTraxSettingsAsync({});
    expect(got.GetSecurityTraxSettingsResult.Success).toBe(true);
    expect(got.GetSecurityTraxSettingsResult.BillingIntegrationEnabled).toBe(true);
    expect(got.GetSecurityTraxSettingsResult.UpdatedAt).toBeTruthy();
    // The journal of that sandbox names the SOAP operations.
    const journal = (await (await fetch(`${server.url}/sandboxes/soap-set-${tag}/__sim/journal`)).json()) as {
      items: { operationId: string | null }[];
    };
    expect(journal.items.map((e) => e.operationId)).toEqual(
      expect.arrayContaining(['SetSecurityTraxSettings', 'GetSecurityTraxSettings']),
    );
  });

  it('wrong credentials are a fault; a missing role is Success=false: the client tells them apart', async () => {
    const wsdl = await sandbox(`soap-refusals-${tag}`, 'role-missing');
    const wrong = await clientFor(wsdl, 'norole-isp', 'not-the-password', soap12);
    const err = await wrong.GetSecurityTraxSettingsAsync({}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    const fault = faultOf(err);
    if (soap12) {
      expect(fault.Code.Value).toBe('soap:Sender');
      expect(fault.Code.Subcode.Value).toBe('adc:InvalidCredentials');
    } else {
      expect(fault.faultcode).toBe('soap:Client.InvalidCredentials');
    }
    // As ASMX: every SOAP 1.1 fault is an HTTP 500; SOAP 1.2 answers a Sender fault with 400.
    expect((err as { response?: { status: number } }).response?.status).toBe(soap12 ? 400 : 500);
    expect(fault.detail?.FaultDetail?.Code ?? fault.Detail?.FaultDetail?.Code).toBe('InvalidCredentials');
    expect(String(wrong.lastRequestHeaders?.['Content-Type'])).toContain(soap12 ? 'application/soap+xml' : 'text/xml');
    expect(wrong.lastRequest).toContain(
      soap12 ? 'http://www.w3.org/2003/05/soap-envelope' : 'http://schemas.xmlsoap.org/soap/envelope/',
    );

    const norole = await clientFor(wsdl, 'norole-isp', 'isp-pass', soap12);
    const [get] = await norole.GetSecurityTraxSettingsAsync({});
    expect(get.GetSecurityTraxSettingsResult.Success).toBe(false);
    expect(get.GetSecurityTraxSettingsResult.ErrorMessage).toMatch(/SecurityTrax Role/);
    const [set] = await norole.SetSecurityTraxSettingsAsync({ BillingIntegrationEnabled: true });
    expect(set.SetSecurityTraxSettingsResult).toMatchObject({ Success: false });
    expect(set.SetSecurityTraxSettingsResult.BillingIntegrationEnabled).toBeUndefined();
  });
});
