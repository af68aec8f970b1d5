// The SOAP face reads a body in the charset it declares (Content-Type charset, else byte order mark, else
// the XML declaration): an ISO-8859-1 `acmé-isp` authenticates; an unsupported charset is a client fault
// naming it; bytes invalid in the charset are malformed XML. Never a 5xx.
import { describe, expect, it } from 'vitest';
import { readSoapAnswer, soapRequest } from '../src/http/faces/alarm-com-soap/client-codec.ts';
import { SERVICE_PATH, type SoapVersion } from '../src/http/faces/alarm-com-soap/soap-constants.ts';
import { testApp, type TestApp } from './support/test-app.ts';

const USER = 'acmé-isp';

async function withAccentedIsp(): Promise<TestApp> {
  const t = await testApp();
  const res = await t.call('POST', '/__sim/alarm-com-credentials', {
    body: { username: USER, password: 'pässword', roles: ['SecurityTrax'] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return t;
}

const envelope = (version: SoapVersion) =>
  soapRequest(version, 'GetSecurityTraxSettings', { username: USER, password: 'pässword' });

async function post(t: TestApp, body: Buffer, contentType: string, extra: Record<string, string> = {}) {
  const res = await t.app.request(SERVICE_PATH, {
    method: 'POST',
    headers: { 'content-type': contentType, ...extra },
    body: new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, text, answer: readSoapAnswer('GetSecurityTraxSettings', text) };
}

const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
};

describe('SOAP request charsets', () => {
  for (const version of ['1.1', '1.2'] as const) {
    it(`SOAP ${version}: ISO-8859-1, windows-1252, UTF-16 (BOM, LE, BE) and UTF-8 bodies all authenticate ${USER}`, async () => {
      const t = await withAccentedIsp();
      const { body, headers } = envelope(version);
      const type = headers['content-type']!.replace('; charset=utf-8', '');
      const soapAction: Record<string, string> = version === '1.1' ? { soapaction: headers.soapaction! } : {};
      const cases: [string, Buffer, string][] = [
        ['ISO-8859-1', Buffer.from(body, 'latin1'), `${type}; charset=ISO-8859-1`],
        ['quoted latin1', Buffer.from(body, 'latin1'), `${type}; charset="latin1"`],
        ['windows-1252', Buffer.from(body, 'latin1'), `${type}; charset=windows-1252`],
        [
          'UTF-16 with a BOM',
          Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]),
          `${type}; charset=utf-16`,
        ],
        ['UTF-16BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(body)]), `${type}; charset=UTF-16`],
        ['UTF-16LE', Buffer.from(body, 'utf16le'), `${type}; charset=utf-16le`],
        ['UTF-16 by its BOM alone', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]), type],
        [
          'the XML declaration alone',
          Buffer.from(body.replace(/encoding="utf-8"/i, 'encoding="ISO-8859-1"'), 'latin1'),
          type,
        ],
        ['UTF-8', Buffer.from(body, 'utf8'), `${type}; charset=utf-8`],
      ];
      for (const [label, bytes, contentType] of cases) {
        const res = await post(t, bytes, contentType, soapAction);
        expect(res.status, `${label}: ${res.text.slice(0, 400)}`).toBe(200);
        expect(res.answer.kind, label).toBe('result');
      }
    });
  }

  it('an unsupported charset is a client fault naming it; bytes invalid in the charset are malformed XML', async () => {
    const t = await withAccentedIsp();
    const { body, headers } = envelope('1.1');
    const soapAction = { soapaction: headers.soapaction! };
    const koi = await post(t, Buffer.from(body, 'latin1'), 'text/xml; charset=koi8-r', soapAction);
    expect(koi.status).toBe(500); // every SOAP 1.1 fault, as ASMX answers
    expect(koi.answer).toMatchObject({ kind: 'fault', fault: { code: 'UnsupportedCharset' } });
    expect(koi.text).toContain('koi8-r');
    const badUtf8 = await post(t, Buffer.from(body, 'latin1'), 'text/xml; charset=utf-8', soapAction);
    expect(badUtf8.status).toBe(500);
    expect(badUtf8.answer).toMatchObject({ kind: 'fault', fault: { code: 'MalformedXml' } });
  });
});
