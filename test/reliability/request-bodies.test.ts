// Request bodies cannot stall the server: oversize bodies are 413 before
// being read whole, deep nesting is refused before JSON.parse, a non-JSON media type is 415; none changes state.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, requireJsonDepth, requireMediaType } from '../../src/http/read-request.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { startServer } from '../../src/server.ts';
import { loadScenarioSeeder } from '../../src/scenarios/scenario-seeder.ts';
import { recordViolation } from '../support/violations.ts';
import { JANE, testApp, type TestApp } from '../support/test-app.ts';

const P = 'https://trax-sim.dev/problems/';

async function unchanged(t: TestApp, act: () => Promise<void>): Promise<void> {
  const before = JSON.stringify(t.state());
  await act();
  expect(JSON.stringify(t.state())).toBe(before);
}

describe('request bodies', () => {
  it('a body past 256 KiB is a 413 payload-too-large', async () => {
    const t = await testApp();
    await unchanged(t, async () => {
      const rawBody = JSON.stringify({ amountCents: 100, pad: 'x'.repeat(MAX_BODY_BYTES) });
      const res = await t.call('POST', '/alarm-com/api/billing/payments', { auth: JANE, rawBody });
      expect(res.status).toBe(413);
      expect(res.body.type).toBe(`${P}payload-too-large`);
    });
  });

  it('JSON nested deeper than the limit is a 400 json-too-deep, refused before parsing', async () => {
    const t = await testApp();
    await unchanged(t, async () => {
      const rawBody = `{"amountCents":100,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      const res = await t.call('POST', '/alarm-com/api/billing/payments', { auth: JANE, rawBody });
      expect(res.status).toBe(400);
      expect(res.body.type).toBe(`${P}json-too-deep`);
      expect(res.body.detail).toContain(String(MAX_JSON_DEPTH));
    });
  });

  it('a body that is not JSON is a 415 unsupported-media-type', async () => {
    const t = await testApp();
    await unchanged(t, async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const res = await t.call('POST', '/alarm-com/api/billing/payments', {
          auth: JANE,
          rawBody: '{"amountCents":100}',
          headers: { 'content-type': type },
        });
        expect(res.status, type).toBe(415);
        expect(res.body.type).toBe(`${P}unsupported-media-type`);
      }
    });
  });

  it('the depth scan ignores brackets inside strings and counts both arrays and objects', () => {
    expect(() => requireJsonDepth(`{"a":"${'['.repeat(100)}"}`)).not.toThrow();
    expect(() => requireJsonDepth(`"\\"${'{'.repeat(100)}"`)).not.toThrow();
    expect(() => requireJsonDepth('[{'.repeat(16) + '}]'.repeat(16))).not.toThrow();
    expect(() => requireJsonDepth(`${'[{'.repeat(16)}[]${'}]'.repeat(16)}`)).toThrow(DomainError);
  });

  it('the media-type check takes the accepted types, so another face can pass its own', () => {
    expect(() => requireMediaType('application/vnd.api+json', ['application/vnd.api+json'])).not.toThrow();
    expect(() => requireMediaType('application/json; charset=utf-8', ['application/json'])).not.toThrow();
    const err = (() => {
      try {
        requireMediaType('application/json', ['application/vnd.api+json']);
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(err?.kind).toBe('unsupported_media_type');
  });

  it('a real server answers 413 from Content-Length alone, before the body is sent', async () => {
    const server = await startServer({
      port: 0,
      dataDir: null,
      scenarios: loadScenarioSeeder(),
      strict: true,
      onViolation: recordViolation,
    });
    try {
      const url = new URL('/__sim/clock/advance', server.url);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          url,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
            req.destroy();
          },
        );
        req.on('error', reject);
        req.write('{"by":"P1D",'); // and never the other 50 MB
      });
      expect(status).toBe(413);
    } finally {
      await server.close();
    }
  });

  it('operations without a body answer the same 413/415 problems (never a 500 under strict validation)', async () => {
    const t = await testApp();
    await unchanged(t, async () => {
      const wrongType = await t.call('POST', '/__sim/reset', {
        rawBody: 'x',
        headers: { 'content-type': 'text/plain' },
      });
      expect(wrongType.status).toBe(415);
      const huge = await t.call('POST', '/__sim/reset', {
        rawBody: JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) }),
      });
      expect(huge.status).toBe(413);
    });
  });
});
