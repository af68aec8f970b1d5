// Malformed percent-encoding in a path or a header is the client's error: a 400 in the format of the face
// the path belongs to (JSON:API, SOAP fault, problem+json), never a 500, and nothing changes.
import { describe, expect, it } from 'vitest';
import { compiledSpec } from '../../src/http/compiled-spec.ts';
import { SERVICE_PATH } from '../../src/http/faces/alarm-com-soap/soap-constants.ts';
import { readSoapAnswer, soapRequest } from '../../src/http/faces/alarm-com-soap/client-codec.ts';
import { testApp } from '../support/test-app.ts';
import { dealerApi, JSON_API } from '../support/securitytrax.ts';

const { index } = compiledSpec();
const BAD = ['%ZZ', '%', '%E0%A4%A', '%C0%AF', 'ab%'];

describe('malformed percent-encoding', () => {
  const operations = index.operations.filter((op) => op.tags[0] === 'SecurityTrax');

  it('in {profile}: a JSON:API 400 naming the parameter, on all 25 SecurityTrax operations', async () => {
    expect(operations).toHaveLength(25);
    const t = await testApp();
    const headers = await dealerApi(t).headers();
    const before = JSON.stringify(t.state());
    for (const op of operations)
      for (const bad of BAD) {
        const path = op.path.replace('{profile}', bad).replace('{id}', '1');
        const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : '{"data":{}}';
        const res = await t.call(op.method, path, { headers, rawBody: body });
        const where = `${op.operationId} ${path} -> ${res.status} ${JSON.stringify(res.body)}`;
        expect(res.status, where).toBe(400);
        expect(res.headers.get('content-type'), where).toBe(JSON_API);
        expect(res.body.errors[0], where).toMatchObject({ status: '400', source: { parameter: 'profile' } });
      }
    expect(JSON.stringify(t.state())).toBe(before);
  });

  it('in a /sandboxes/{name} prefix: a problem 400 on the Billing API and /__sim, a SOAP client fault on the .asmx', async () => {
    const t = await testApp();
    for (const bad of BAD) {
      for (const path of [`/sandboxes/${bad}/alarm-com/api/billing/summary`, `/sandboxes/${bad}/__sim/clock`]) {
        const res = await t.call('GET', path, { auth: 'Basic amFuZTpqYW5lLXBhc3M=' });
        expect(res.status, path).toBe(400);
        expect(res.headers.get('content-type'), path).toContain('application/problem+json');
      }
      const request = soapRequest('1.1', 'GetSecurityTraxSettings', { username: 'acme-isp', password: 'isp-pass' });
      const res = await t.app.request(`/sandboxes/${bad}${SERVICE_PATH}`, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
      });
      const text = await res.text();
      expect(res.status, text).toBe(500); // every SOAP 1.1 fault, as ASMX answers
      expect(readSoapAnswer('GetSecurityTraxSettings', text)).toMatchObject({
        kind: 'fault',
        fault: { code: 'InvalidSandboxName' },
      });
    }
  });

  it('in a path parameter (the validation 422 of any bad name) or header of the control API: a problem 4xx', async () => {
    const t = await testApp();
    for (const bad of BAD) {
      const res = await t.call('GET', `/__sim/sandboxes/${bad}`);
      expect([400, 422], bad).toContain(res.status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const header = await t.call('GET', '/__sim/clock', { headers: { 'x-sandbox': bad } });
      expect(header.status, bad).toBe(400);
    }
  });

  it('in the admin cookie: a problem 400', async () => {
    const t = await testApp({ adminToken: 'a-long-admin-token' });
    const res = await t.call('GET', '/__sim/clock', { headers: { cookie: 'trax_sim_admin=%ZZ' } });
    expect(res.status).toBe(400);
    expect(res.body.type).toMatch(/malformed-percent-encoding$/);
    const ok = await t.call('GET', '/__sim/clock', { headers: { cookie: 'trax_sim_admin=a-long-admin-token' } });
    expect(ok.status).toBe(200);
  });
});
