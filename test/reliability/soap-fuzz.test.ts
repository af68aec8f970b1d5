// The SOAP face under a bounded, deterministic batch of broken envelopes: truncated, bytes flipped,
// elements renamed or moved to other namespaces, odd values, odd media types. Never an internal error;
// every refusal is a SOAP fault in the request's SOAP version with a stable code and the status ASMX gives
// it (SOAP 1.1: 500; SOAP 1.2: 400 for a Sender fault); no refusal changes a sandbox.
import { describe, expect, it } from 'vitest';
import { readSoapAnswer, soapRequest } from '../../src/http/faces/alarm-com-soap/client-codec.ts';
import { SERVICE_PATH, type SoapVersion } from '../../src/http/faces/alarm-com-soap/soap-constants.ts';
import { testApp } from '../support/test-app.ts';

const CASES = 150;

/** mulberry32, so a failing case is the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD_VALUES = [
  '',
  'TRUE',
  'yes',
  '2',
  '-1',
  '\u0000',
  '💩',
  'x'.repeat(5_000),
  '<![CDATA[true]]>',
  '&amp;',
  '&#0;',
  '&#xD800;',
  ' true ',
];
const NAMES = [
  'Envelope',
  'Header',
  'Body',
  'Authentication',
  'User',
  'Password',
  'SetSecurityTraxSettings',
  'BillingIntegrationEnabled',
];

function mutate(xml: string, next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  switch (Math.floor(next() * 7)) {
    case 0:
      return xml.slice(0, Math.floor(next() * xml.length));
    case 1: {
      const at = Math.floor(next() * xml.length);
      return xml.slice(0, at) + pick(['<', '>', '&', '"', '/', '\u0000', ':', ' ']) + xml.slice(at + 1);
    }
    case 2: {
      const name = pick(NAMES);
      return xml.replaceAll(name, pick([`${name}X`, name.toLowerCase(), `x:${name}`, '']));
    }
    case 3:
      return xml.replace('>true<', `>${pick(ODD_VALUES)}<`).replace('>isp-pass<', `>${pick(ODD_VALUES)}<`);
    case 4:
      return xml.replaceAll(
        'http://www.alarm.com/WebServices',
        pick(['http://www.alarm.com/webservices', 'urn:other', '']),
      );
    case 5: {
      const block = pick(['<soap:Header>', '<soap:Body>', '<Authentication']);
      return xml.replace(
        block,
        `${block}${pick(['<Extra/>', '<a:Extra xmlns:a="urn:a">1</a:Extra>', '<!-- c -->', '<?pi x?>'])}`,
      );
    }
    default:
      return pick([
        '',
        ' ',
        '<?xml version="1.0"?>',
        xml + xml,
        xml.replace('<?xml version="1.0" encoding="utf-8"?>', '<!DOCTYPE x>'),
      ]);
  }
}

describe('fuzzing the SOAP face with broken envelopes', () => {
  it(`${CASES} cases: never an internal error, every refusal a fault in the request's SOAP version, no state change`, async () => {
    const t = await testApp();
    const next = prng(0x50a9);
    const seen = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const version: SoapVersion = next() < 0.5 ? '1.1' : '1.2';
      const valid = soapRequest(
        version,
        'SetSecurityTraxSettings',
        { username: next() < 0.5 ? 'acme-isp' : 'norole-isp', password: 'isp-pass' },
        { BillingIntegrationEnabled: 'true' },
      );
      const body = mutate(valid.body, next);
      const headers =
        next() < 0.1
          ? { 'content-type': ['application/json', 'text/plain', 'application/xml', ''][i % 4]! }
          : valid.headers;
      const before = JSON.stringify(t.store.require('default'));
      const res = await t.app.request(SERVICE_PATH, { method: 'POST', headers, body });
      const text = await res.text();
      const where = `case ${i}: ${body.slice(0, 200)} -> ${res.status} ${text.slice(0, 300)}`;
      if (res.status === 200) continue; // a mutation that is still a valid request (a comment, say)
      const answer = readSoapAnswer('SetSecurityTraxSettings', text);
      expect(answer.kind, where).toBe('fault');
      const type = res.headers.get('content-type') ?? '';
      const sentType = (headers as Record<string, string>)['content-type'] ?? '';
      if (answer.kind === 'fault') {
        seen.set(answer.fault.code, (seen.get(answer.fault.code) ?? 0) + 1);
        expect(answer.fault.code, where).not.toBe('InternalError');
        const sender = type.startsWith('application/soap+xml') && answer.fault.faultcode === 'soap:Sender';
        expect(res.status, where).toBe(sender ? 400 : 500);
      }
      expect(type, where).toMatch(
        sentType.startsWith('application/soap+xml') ? /^application\/soap\+xml/ : /^text\/xml/,
      );
      expect(text, where).not.toMatch(/at .*\.ts:\d+/);
      expect(JSON.stringify(t.store.require('default')), `${where}: the store changed`).toBe(before);
    }
    if (process.env.FUZZ_VERBOSE) console.log(Object.fromEntries(seen));
    expect(seen.size).toBeGreaterThan(4);
  });
});

describe('hostile SOAP envelopes, without credentials', () => {
  const flood = (version: SoapVersion) => {
    const valid = soapRequest(version, 'GetSecurityTraxSettings', { username: 'x', password: 'y' });
    const decls = Array.from({ length: 6000 }, (_, i) => ` xmlns:p${i}="urn:p${i}"`).join('');
    const body = valid.body
      .replace(/(<soap:Envelope[^>]*)>/, `$1${decls}>`)
      .replace('</soap:Body>', `${'<k xmlns:q="v"/>'.repeat(6000)}</soap:Body>`);
    return { headers: valid.headers, body };
  };
  const cases: [string, (v: SoapVersion) => { headers: Record<string, string>; body: string }, string][] = [
    ['6,000 namespace declarations on Envelope and 6,000 declaring children', flood, 'TooManyNamespaces'],
    [
      'an entity named after a built-in member',
      (v) => {
        const r = soapRequest(v, 'GetSecurityTraxSettings', { username: 'acme-isp', password: 'isp-pass' });
        return { ...r, body: r.body.replace('>isp-pass<', '>&toString;<') };
      },
      'MalformedXml',
    ],
    [
      'an element named after a built-in member',
      (v) => {
        const r = soapRequest(v, 'GetSecurityTraxSettings', { username: 'acme-isp', password: 'isp-pass' });
        return { ...r, body: r.body.replace('</soap:Body>', '<constructor/></soap:Body>') };
      },
      'MalformedXml',
    ],
  ];
  for (const [label, make, subcode] of cases)
    for (const version of ['1.1', '1.2'] as const)
      it(`${label} (SOAP ${version}): a client fault naming it (1.1: HTTP 500, 1.2: 400)`, async () => {
        const t = await testApp();
        const { headers, body } = make(version);
        expect(Buffer.byteLength(body)).toBeLessThan(256 * 1024);
        const res = await t.app.request(SERVICE_PATH, { method: 'POST', headers, body });
        const text = await res.text();
        expect(res.status, text.slice(0, 300)).toBe(version === '1.1' ? 500 : 400);
        expect(text).not.toContain('InternalError');
        expect(res.headers.get('content-type')).toMatch(version === '1.1' ? /^text\/xml/ : /^application\/soap\+xml/);
        const answer = readSoapAnswer('GetSecurityTraxSettings', text);
        expect(answer.kind).toBe('fault');
        expect(text).toContain(subcode);
        expect(text).not.toMatch(/native code/);
      });
});
