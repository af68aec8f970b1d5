// The Alarm.com SOAP face through the whole pipeline (strict: every answer is checked against the spec):
// bad input of every kind is a fault in the request's SOAP version (HTTP 500 in SOAP 1.1, as ASMX answers
// every fault), never an internal error, and changes nothing;
// the simulated outage and slowness keep their meaning; the /sandboxes/{name} prefix selects a sandbox.
import { describe, expect, it } from 'vitest';
import { readSoapAnswer, soapRequest } from '../src/http/faces/alarm-com-soap/client-codec.ts';
import { MAX_BODY_BYTES } from '../src/http/read-request.ts';
import { JANE, testApp, type TestApp } from './support/test-app.ts';

const ASMX = '/alarm-com/WebServices/CustomerManagement.asmx';
const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const ADC = 'http://www.alarm.com/WebServices';
const AUTH = `<soap:Header><Authentication xmlns="${ADC}"><User>acme-isp</User><Password>isp-pass</Password></Authentication></soap:Header>`;
const envelope = (body: string, header = AUTH, ns = S11) =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="${ns}">${header}<soap:Body>${body}</soap:Body></soap:Envelope>`;
const TEXT_XML = { 'content-type': 'text/xml; charset=utf-8' };
/** SOAP 1.1 headers with the SOAPAction of the operation the body names (none when it names none). */
const soap11 = (body: string): Record<string, string> => {
  const operation = /<(?:\w+:)?([GS]etSecurityTraxSettings)\b/.exec(body)?.[1];
  return operation ? { ...TEXT_XML, soapaction: `"${ADC}/${operation}"` } : TEXT_XML;
};

async function post(t: TestApp, body: string, headers: Record<string, string> = soap11(body), path = ASMX) {
  const res = await t.app.request(path, { method: 'POST', headers, body });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    text,
    answer: readSoapAnswer('GetSecurityTraxSettings', text),
  };
}

/** The request is refused with a client fault of `code`, in SOAP 1.1 (HTTP 500), and the store is unchanged. */
async function refused(t: TestApp, code: string, body: string, headers: Record<string, string> = soap11(body)) {
  const before = await t.dump();
  const res = await post(t, body, headers);
  expect(res.status, res.text).toBe(500);
  expect(res.type).toMatch(/^text\/xml/);
  expect(res.answer.kind, res.text).toBe('fault');
  if (res.answer.kind === 'fault') expect(res.answer.fault.code, res.text).toBe(code);
  expect(await t.dump()).toBe(before);
  return res;
}

describe('SOAP face: bad input is a fault, never a 500, and changes nothing', () => {
  const set = `<SetSecurityTraxSettings xmlns="${ADC}"><BillingIntegrationEnabled>false</BillingIntegrationEnabled></SetSecurityTraxSettings>`;

  it('broken XML', async () => {
    const t = await testApp();
    await refused(t, 'MalformedXml', envelope(set).slice(0, -20));
    await refused(
      t,
      'MalformedXml',
      envelope(
        `<SetSecurityTraxSettings xmlns="${ADC}"><BillingIntegrationEnabled>&undeclared;</BillingIntegrationEnabled></SetSecurityTraxSettings>`,
      ),
    );
  });

  it('not an envelope, or an envelope without a Body', async () => {
    const t = await testApp();
    await refused(t, 'NotAnEnvelope', `<SetSecurityTraxSettings xmlns="${ADC}"/>`);
    await refused(t, 'NotAnEnvelope', `<soap:Envelope xmlns:soap="${S11}">${AUTH}</soap:Envelope>`);
  });

  it('a DOCTYPE: XXE and an entity bomb are refused before any expansion', async () => {
    const t = await testApp();
    await refused(
      t,
      'DoctypeNotAllowed',
      `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${envelope(set.replace('false', '&xxe;'))}`,
    );
    const lol = `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>`;
    await refused(t, 'DoctypeNotAllowed', `${lol}${envelope(set.replace('false', '&c;'))}`);
  });

  it('nesting too deep, and a body over the size limit', async () => {
    const t = await testApp();
    await refused(
      t,
      'XmlTooDeep',
      envelope(
        `<SetSecurityTraxSettings xmlns="${ADC}">${'<x>'.repeat(40)}${'</x>'.repeat(40)}</SetSecurityTraxSettings>`,
      ),
    );
    const big = envelope(
      `<SetSecurityTraxSettings xmlns="${ADC}"><BillingIntegrationEnabled>${'x'.repeat(MAX_BODY_BYTES)}</BillingIntegrationEnabled></SetSecurityTraxSettings>`,
    );
    await refused(t, 'PayloadTooLarge', big);
  });

  it('an unknown operation, or an operation element in the wrong namespace (or none)', async () => {
    const t = await testApp();
    const res = await refused(t, 'UnknownOperation', envelope(`<DeleteEverything xmlns="${ADC}"/>`));
    expect(res.text).toContain('DeleteEverything is not an operation');
    await refused(t, 'UnknownOperation', envelope('<GetSecurityTraxSettings xmlns="http://tempuri.org/"/>'));
    await refused(t, 'UnknownOperation', envelope('<GetSecurityTraxSettings/>'));
  });

  it('a missing Authentication header, or one in the wrong namespace, or with no User', async () => {
    const t = await testApp();
    const get = `<GetSecurityTraxSettings xmlns="${ADC}"/>`;
    const res = await refused(t, 'ValidationFailed', envelope(get, ''));
    expect(res.text).toContain(
      'The envelope has no SOAP Header: the credentials travel in the Authentication header block',
    );
    expect(res.text).not.toContain('/body/');
    await refused(
      t,
      'ValidationFailed',
      envelope(
        get,
        '<soap:Header><Authentication><User>acme-isp</User><Password>isp-pass</Password></Authentication></soap:Header>',
      ),
    );
    await refused(
      t,
      'ValidationFailed',
      envelope(
        get,
        `<soap:Header><Authentication xmlns="${ADC}"><Password>isp-pass</Password></Authentication></soap:Header>`,
      ),
    );
    await refused(
      t,
      'ValidationFailed',
      envelope(
        `<SetSecurityTraxSettings xmlns="${ADC}"><BillingIntegrationEnabled>maybe</BillingIntegrationEnabled></SetSecurityTraxSettings>`,
      ),
    );
  });

  it('wrong credentials: an InvalidCredentials client fault, and the setting is unchanged', async () => {
    const t = await testApp();
    const res = await refused(t, 'InvalidCredentials', envelope(set, AUTH.replace('isp-pass', 'wrong')));
    expect(res.text).toContain('<faultcode>soap:Client.InvalidCredentials</faultcode>');
  });

  it('the wrong content type, a SOAP version mismatch, and a SOAPAction naming another operation', async () => {
    const t = await testApp();
    await refused(t, 'UnsupportedMediaType', envelope(set), { 'content-type': 'application/json' });
    await refused(t, 'UnsupportedMediaType', envelope(set), {});
    await refused(t, 'VersionMismatch', envelope(set, AUTH, 'http://www.w3.org/2003/05/soap-envelope'));
    await refused(t, 'SoapActionMismatch', envelope(set), {
      ...TEXT_XML,
      soapaction: `"${ADC}/GetSecurityTraxSettings"`,
    });
  });

  it('SOAP 1.2 requests get SOAP 1.2 faults (Sender + subcode), HTTP 400', async () => {
    const t = await testApp();
    const res = await post(
      t,
      envelope(set, AUTH.replace('isp-pass', 'wrong'), 'http://www.w3.org/2003/05/soap-envelope'),
      { 'content-type': 'application/soap+xml; charset=utf-8' },
    );
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/soap\+xml/);
    expect(res.answer).toMatchObject({
      kind: 'fault',
      fault: { faultcode: 'soap:Sender', subcode: 'InvalidCredentials', code: 'InvalidCredentials' },
    });
  });

  it('an unknown sandbox, an unknown service, and the removed JSON routes', async () => {
    const t = await testApp();
    const unknown = await post(t, envelope(set), soap11(set), `/sandboxes/nope${ASMX}`);
    expect(unknown.status).toBe(500);
    expect(unknown.answer).toMatchObject({ kind: 'fault', fault: { code: 'SandboxNotFound' } });
    const otherService = await post(t, envelope(set), soap11(set), '/alarm-com/WebServices/Other.asmx');
    expect(otherService.status).toBe(500);
    expect(otherService.answer).toMatchObject({ kind: 'fault', fault: { code: 'RouteNotFound' } });
    const old = await t.call('POST', '/alarm-com/webservices/GetSecurityTraxSettings', { body: {} });
    expect(old.status).toBe(404);
    expect(old.body.type).toBe('https://trax-sim.dev/problems/route-not-found');
  });
});

describe('SOAP face: simulated faults', () => {
  it('down: a Server fault AlarmComUnavailable (HTTP 500), nothing changes', async () => {
    const t = await testApp();
    await t.call('PUT', '/__sim/faults', { body: { alarmComWebServices: 'down' } });
    const before = JSON.stringify(t.state().adcCredentials);
    const r = soapRequest(
      '1.1',
      'SetSecurityTraxSettings',
      { username: 'acme-isp', password: 'isp-pass' },
      { BillingIntegrationEnabled: 'false' },
    );
    const res = await post(t, r.body, r.headers);
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode>soap:Server.AlarmComUnavailable</faultcode>');
    expect(JSON.stringify(t.state().adcCredentials)).toBe(before);
  });

  it('slow past adcTimeoutMs: a Receiver fault AlarmComTimeout (SOAP 1.2, HTTP 500)', async () => {
    // The service never answers on its own: only the face's timeout ends the call.
    const t = await testApp({
      sleep: (_ms, signal) =>
        new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true })),
    });
    await t.call('PATCH', '/__sim/settings', { body: { adcTimeoutMs: 20 } });
    await t.call('PUT', '/__sim/faults', { body: { alarmComWebServices: 'slow', slowMs: 60_000 } });
    const r = soapRequest('1.2', 'GetSecurityTraxSettings', { username: 'acme-isp', password: 'isp-pass' });
    const res = await post(t, r.body, r.headers);
    expect(res.status).toBe(500);
    expect(res.answer).toMatchObject({
      kind: 'fault',
      fault: { faultcode: 'soap:Receiver', subcode: 'AlarmComTimeout', code: 'AlarmComTimeout' },
    });
  });
});

describe('a base URL is enough: /sandboxes/{name} selects the sandbox', () => {
  it('for the SOAP face, the end-user Billing API and /__sim, like X-Sandbox', async () => {
    const t = await testApp();
    const created = await t.call('POST', '/__sim/sandboxes', { body: { name: 'mine', scenario: 'three-past-due' } });
    expect(created.status).toBe(201);
    const r = soapRequest(
      '1.1',
      'SetSecurityTraxSettings',
      { username: 'acme-isp', password: 'isp-pass' },
      { BillingIntegrationEnabled: 'false' },
    );
    const viaPrefix = await post(t, r.body, r.headers, `/sandboxes/mine${ASMX}`);
    const viaHeader = await post(t, r.body, { ...r.headers, 'x-sandbox': 'mine' });
    expect(viaPrefix.status).toBe(viaHeader.status);
    expect(viaPrefix.answer.kind).toBe(viaHeader.answer.kind);

    const summary = await t.call('GET', '/sandboxes/mine/alarm-com/api/billing/summary', { auth: JANE });
    const sameByHeader = await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE, sandbox: 'mine' });
    const defaultSandbox = await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE });
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual(sameByHeader.body);
    expect(summary.body).not.toEqual(defaultSandbox.body);

    const clock = await t.call('GET', '/sandboxes/mine/__sim/clock');
    expect(clock.body).toEqual((await t.call('GET', '/__sim/clock', { sandbox: 'mine' })).body);
    const journal = await t.call('GET', '/sandboxes/mine/__sim/journal');
    expect(journal.body.items.map((e: { path: string }) => e.path)).toContain('/alarm-com/api/billing/summary');
    expect((await t.call('GET', '/sandboxes/Bad..Name/__sim/clock')).status).toBe(400);
  });
});
