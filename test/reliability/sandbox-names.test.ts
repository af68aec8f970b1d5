// Sandbox names become file names under DIR/sandboxes/. Whatever a client sends as a name (in the
// createSandbox body, the X-Sandbox header, or the path), nothing is created or read outside that folder,
// and the answer is a 400/422 problem (404 when the path itself does not route).
import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server.ts';

const NAMES = [
  '../x',
  '..',
  '.',
  'a/b',
  '/etc/passwd',
  '..\\..\\x',
  'a\\b',
  '%2e%2e',
  '%2e%2e%2fx',
  '..%2F..%2Fx',
  'x.json',
  '.hidden',
  'x'.repeat(64),
  'x'.repeat(10_000),
  'ünïcødé',
  '💩',
  'a\u0000b',
  'UPPER',
  '-dash',
  '',
  ' ',
  'default/../../x',
  // Device names Windows reserves in every folder (a data folder may live on Windows).
  'con',
  'nul',
  'prn',
  'aux',
  'com1',
  'lpt9',
];

/** Every file under root, relative, so anything written outside the sandboxes folder shows up. */
function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const full = path.join(dir, f);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

/** A raw HTTP request: header bytes exactly as given (fetch would refuse non-ASCII header values). */
function raw(
  url: string,
  method: string,
  p: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; type: string; body: any }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        method,
        path: p,
        headers: {
          ...headers,
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            type: String(res.headers['content-type']),
            body: text ? JSON.parse(text) : undefined,
          }),
        );
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

describe('sandbox names cannot reach outside DIR/sandboxes/', () => {
  it('createSandbox body, X-Sandbox header, and path: 400/422 problems, no stray files', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'trax-names-'));
    const dataDir = path.join(root, 'data');
    mkdirSync(dataDir);
    const server = await startServer({ port: 0, dataDir });
    try {
      const expected = ['data/.trax-sim.lock', 'data/sandboxes/default.json']; // the lock: one server per folder
      expect(tree(root)).toEqual(expected);
      for (const name of NAMES) {
        // As the new sandbox's name, and as the sandbox to copy from.
        for (const body of [{ name }, { name: 'copy', from: name }]) {
          const res = await raw(server.url, 'POST', '/__sim/sandboxes', {}, JSON.stringify(body));
          expect([400, 422], `${JSON.stringify(body).slice(0, 60)} -> ${res.status}`).toContain(res.status);
          expect(res.type).toContain('application/problem+json');
        }
        // As the X-Sandbox header, sent as raw bytes (latin1) and as UTF-8.
        if (name !== '' && !name.includes('\u0000')) {
          for (const header of [name, Buffer.from(name, 'utf8').toString('latin1')]) {
            if (header.length > 14_000) continue; // past Node's 16 KB header limit the socket is just closed
            if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(header)) continue; // not sendable as a header value at all
            const res = await raw(server.url, 'GET', '/__sim/clock', { 'x-sandbox': header });
            expect([400, 422], `X-Sandbox ${header.slice(0, 40)} -> ${res.status}`).toContain(res.status);
            expect(res.type).toContain('application/problem+json');
            const post = await raw(
              server.url,
              'POST',
              '/securitytrax/default/user/v1/customers',
              {
                'x-sandbox': header,
                'x-securitytrax-integratorkey': 'TraxSim-Demo-Integrator-Key',
                'content-type': 'application/vnd.api+json',
              },
              JSON.stringify({
                data: { type: 'customers', attributes: { fname: 'A', lname: 'B', email: 'a@example.com' } },
              }),
            );
            expect([400, 422]).toContain(post.status);
          }
        }
        // In the path, percent-encoded (a path that no longer routes is a 404 problem).
        for (const method of ['GET', 'DELETE']) {
          const res = await raw(
            server.url,
            method,
            `/__sim/sandboxes/${encodeURIComponent(name).replace(/\./g, '%2e')}`,
            {},
          );
          expect([400, 404, 422], `${method} ${name.slice(0, 40)} -> ${res.status}`).toContain(res.status);
          expect(res.type).toContain('application/problem+json');
          if (res.status === 404) expect(res.body.type).toMatch(/route-not-found|sandbox-not-found/);
        }
      }
      // Literal dot segments too (the URL is normalised before routing).
      for (const p of [
        '/__sim/sandboxes/../../x',
        '/__sim/sandboxes/%2e%2e/%2e%2e/x',
        '/__sim/sandboxes/..%2f..%2fdata',
      ]) {
        const res = await raw(server.url, 'DELETE', p, {});
        expect([400, 404, 422]).toContain(res.status);
      }
      await server.store.flush();
      expect(tree(root)).toEqual(expected);
      // A good name still works, and lands where it should.
      expect(
        (await raw(server.url, 'POST', '/__sim/sandboxes', {}, JSON.stringify({ name: 'ok-name_1', seed: 'empty' })))
          .status,
      ).toBe(201);
      await server.store.flush();
      expect(tree(root)).toEqual([...expected, 'data/sandboxes/ok-name_1.json'].sort());
    } finally {
      await server.close();
    }
  });
});
