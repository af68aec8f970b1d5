// The SOAP face as an ASMX service serves it: every SOAP 1.1 fault is an HTTP 500 (1.2: Sender 400, the
// others 500), mandatory header blocks it does not know are MustUnderstand faults, SOAP 1.1 needs its
// SOAPAction, `?wsdl` works in any case and a bare GET is a help page; fault reasons are sentences, and the
// codes are spelled the same in the README, the spec and on the wire.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readSoapAnswer } from '../src/http/faces/alarm-com-soap/client-codec.ts';
import { FAULT_CODES } from '../src/http/faces/alarm-com-soap/faults.ts';
import { testApp, type TestApp } from './support/test-app.ts';

const ASMX = '/alarm-com/WebServices/CustomerManagement.asmx';
const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';
const ADC = 'http://www.alarm.com/WebServices';
const AUTH = `<Authentication xmlns="${ADC}"><User>acme-isp</User><Password>isp-pass</Password></Authentication>`;
const GET = `<GetSecurityTraxSettings xmlns="${ADC}"/>`;
const envelope = (ns: string, headers: string, body = GET) =>
  `<?xml version="1.0"?><soap:Envelope xmlns:soap="${ns}"><soap:Header>${headers}</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;
const SOAP11 = { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${ADC}/GetSecurityTraxSettings"` };
const SOAP12 = { 'content-type': `application/soap+xml; charset=utf-8; action="${ADC}/GetSecurityTraxSettings"` };

async function post(t: TestApp, body: string, headers: Record<string, string>) {
  const res = await t.app.request(ASMX, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, text, answer: readSoapAnswer('GetSecurityTraxSettings', text) };
}

describe('HTTP statuses of faults, as ASMX and the SOAP 1.2 HTTP binding give them', () => {
  it('SOAP 1.1: 500 for a client fault too; SOAP 1.2: 400 for a Sender fault', async () => {
    const t = await testApp();
    const wrong = AUTH.replace('isp-pass', 'wrong');
    const v11 = await post(t, envelope(S11, wrong), SOAP11);
    expect(v11.status).toBe(500);
    expect(v11.answer).toMatchObject({
      kind: 'fault',
      fault: { faultcode: 'soap:Client', code: 'InvalidCredentials' },
    });
    const v12 = await post(t, envelope(S12, wrong), SOAP12);
    expect(v12.status).toBe(400);
    expect(v12.answer).toMatchObject({
      kind: 'fault',
      fault: { faultcode: 'soap:Sender', code: 'InvalidCredentials' },
    });
  });
});

describe('mustUnderstand header blocks', () => {
  const other = (attributes: string) => `<Tracking xmlns="urn:example:tracking" ${attributes}>42</Tracking>`;

  it('SOAP 1.1: an unknown block with mustUnderstand="1" is a soap:MustUnderstand fault naming it', async () => {
    const t = await testApp();
    const res = await post(t, envelope(S11, AUTH + other('soap:mustUnderstand="1"')), SOAP11);
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode>soap:MustUnderstand</faultcode>');
    expect(res.answer).toMatchObject({ kind: 'fault', fault: { code: 'MustUnderstand', subcode: null } });
    if (res.answer.kind === 'fault')
      expect(res.answer.fault.reason).toContain('Tracking (namespace urn:example:tracking)');
  });

  it('SOAP 1.2: "true" or "1" is a soap:MustUnderstand fault with a NotUnderstood header block', async () => {
    const t = await testApp();
    for (const flag of ['true', '1']) {
      const res = await post(t, envelope(S12, AUTH + other(`soap:mustUnderstand="${flag}"`)), SOAP12);
      expect(res.status).toBe(500);
      expect(res.answer).toMatchObject({ kind: 'fault', fault: { faultcode: 'soap:MustUnderstand' } });
      expect(res.text).toMatch(/<soap:NotUnderstood qname="nu0:Tracking" xmlns:nu0="urn:example:tracking"\/>/);
    }
  });

  it('known blocks, optional blocks and blocks addressed to another node are processed or ignored', async () => {
    const t = await testApp();
    const known = AUTH.replace('<Authentication ', '<Authentication soap:mustUnderstand="1" ');
    expect((await post(t, envelope(S11, known), SOAP11)).status).toBe(200);
    expect((await post(t, envelope(S11, AUTH + other('soap:mustUnderstand="0"')), SOAP11)).status).toBe(200);
    expect((await post(t, envelope(S11, AUTH + other('mustUnderstand="1"')), SOAP11)).status).toBe(200);
    const elsewhere11 = other('soap:mustUnderstand="1" soap:actor="urn:example:some-proxy"');
    expect((await post(t, envelope(S11, AUTH + elsewhere11), SOAP11)).status).toBe(200);
    const none12 = other(`soap:mustUnderstand="true" soap:role="${S12}/role/none"`);
    expect((await post(t, envelope(S12, AUTH + none12), SOAP12)).status).toBe(200);
    const ultimate12 = other(`soap:mustUnderstand="true" soap:role="${S12}/role/ultimateReceiver"`);
    expect((await post(t, envelope(S12, AUTH + ultimate12), SOAP12)).status).toBe(500);
  });
});

describe('SOAPAction, checked as ASMX checks it', () => {
  it('SOAP 1.1 without a SOAPAction, or with an empty one, is a fault naming the header', async () => {
    const t = await testApp();
    for (const soapaction of [undefined, '', '""']) {
      const headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8' };
      if (soapaction !== undefined) headers.soapaction = soapaction;
      const res = await post(t, envelope(S11, AUTH), headers);
      expect(res.status).toBe(500);
      expect(res.answer).toMatchObject({ kind: 'fault', fault: { code: 'SoapActionMissing' } });
      expect(res.text).toContain('SOAPAction HTTP header');
    }
  });

  it('SOAP 1.2 may leave the action out of its media type', async () => {
    const t = await testApp();
    const res = await post(t, envelope(S12, AUTH), { 'content-type': 'application/soap+xml; charset=utf-8' });
    expect(res.status).toBe(200);
  });
});

describe('fault reasons a person reads', () => {
  it('names elements and headers, never a path into the parsed request', async () => {
    const t = await testApp();
    const bodies = [
      envelope(S11, ''),
      `<soap:Envelope xmlns:soap="${S11}"><soap:Body>${GET}</soap:Body></soap:Envelope>`,
      envelope(S11, `<Authentication xmlns="${ADC}"><Password>x</Password></Authentication>`),
      envelope(S11, AUTH.replace('</Password>', '</Password><Extra>1</Extra>')),
      envelope(
        S11,
        AUTH,
        `<SetSecurityTraxSettings xmlns="${ADC}"><BillingIntegrationEnabled>maybe</BillingIntegrationEnabled></SetSecurityTraxSettings>`,
      ),
      envelope(S11, AUTH, `<GetSecurityTraxSettings xmlns="${ADC}">text</GetSecurityTraxSettings>`),
    ];
    const reasons: string[] = [];
    for (const body of bodies) {
      const operation = body.includes('SetSecurityTraxSettings')
        ? 'SetSecurityTraxSettings'
        : 'GetSecurityTraxSettings';
      const res = await post(t, body, { ...SOAP11, soapaction: `"${ADC}/${operation}"` });
      expect(res.answer.kind, res.text).toBe('fault');
      if (res.answer.kind === 'fault') reasons.push(res.answer.fault.reason);
    }
    for (const reason of reasons) {
      expect(reason).not.toMatch(/\/body|\/Envelope|\/header/);
      expect(reason).toMatch(/^[A-Z].*\.$/);
    }
    expect(reasons[0]).toContain('The SOAP Header is empty: the credentials travel in the Authentication header block');
    expect(reasons[1]).toContain('The envelope has no SOAP Header');
    expect(reasons[2]).toBe('The Authentication header block has no User element.');
    expect(reasons[3]).toBe('The Authentication header block takes User, Password and TwoFactorDeviceId, not Extra.');
    expect(reasons[4]).toBe(
      'BillingIntegrationEnabled in SetSecurityTraxSettings must be one of "true", "false", "1", "0".',
    );
    expect(reasons[5]).toBe('The GetSecurityTraxSettings element must be empty.');
  });
});

describe('the WSDL and the help page', () => {
  it('?WSDL in any case serves the WSDL', async () => {
    const t = await testApp();
    for (const query of ['?WSDL', '?wsdl', '?Wsdl', '?wSdL']) {
      const res = await t.app.request(`${ASMX}${query}`);
      expect(res.status, query).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
      expect(await res.text()).toContain(`<soap12:address location="http://localhost${ASMX}"/>`);
    }
  });

  it('a bare GET is a help page listing the operations and linking the WSDL (under a sandbox prefix too)', async () => {
    const t = await testApp();
    await t.call('POST', '/__sim/sandboxes', { body: { name: 'help' } });
    const res = await t.app.request(`/sandboxes/help${ASMX}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('GetSecurityTraxSettings');
    expect(html).toContain('SetSecurityTraxSettings');
    expect(html).toContain(`href="http://localhost/sandboxes/help${ASMX}?WSDL"`);
  });
});

describe('one spelling of the fault codes: README, spec and wire', () => {
  const readmeCodes = () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### The Alarm.com web services (SOAP)'));
    const table = section.slice(
      section.indexOf('| fault code |'),
      section.indexOf('\n\n', section.indexOf('| fault code |')),
    );
    return table
      .split('\n')
      .slice(2)
      .map((row) => /^\| `([A-Za-z]+)` \|/.exec(row)?.[1]);
  };
  const specCodes = () => {
    const spec = parse(readFileSync(new URL('../spec/openapi.yaml', import.meta.url), 'utf8'));
    return spec.components.schemas.SoapFaultCode.enum as string[];
  };

  it("the README's fault table lists exactly the codes the face can emit, as the spec does", () => {
    const emitted = Object.values(FAULT_CODES).sort();
    expect(readmeCodes().sort()).toEqual(emitted);
    expect(specCodes().sort()).toEqual(emitted);
  });

  it('the wire carries the same code in the subcode and in detail/FaultDetail/Code', async () => {
    const t = await testApp();
    const res = await post(t, envelope(S12, AUTH.replace('isp-pass', 'wrong')), SOAP12);
    expect(res.text).toContain('<soap:Value>adc:InvalidCredentials</soap:Value>');
    expect(res.text).toContain('<Code>InvalidCredentials</Code>');
  });
});
