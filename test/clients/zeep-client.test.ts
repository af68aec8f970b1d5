// Proof by a client of another ecosystem: zeep, Python's stock SOAP client (Debian's python3-zeep, installed
// by .ci/run), loads the WSDL a running server serves and runs the seed's ISP calls in SOAP 1.1 and 1.2:
// GetSecurityTraxSettings, SetSecurityTraxSettings with and without the SecurityTrax Role, and a fault.
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { recordViolation } from '../support/violations.ts';

// Debian's interpreter: python3-zeep installs its module for it (another python3 on PATH may not have it).
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./zeep-client.py', import.meta.url));
const INSTALL = 'apt-get install python3-zeep (bash .ci/run installs it when missing)';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ port: 0, dataDir: null, strict: true, onViolation: recordViolation });
});
afterAll(async () => {
  await server?.close();
});

/** Fails (never skips) when the interpreter or the module is missing, saying how to install them. */
function requireZeep(): void {
  const probe = spawnSync(PYTHON, ['-c', 'import zeep'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error(`zeep is not available to ${PYTHON} (${probe.error?.message ?? probe.stderr.trim()}): ${INSTALL}.`);
}

async function sandboxWsdl(name: string, query: string): Promise<string> {
  const res = await fetch(`${server.url}/__sim/sandboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  expect(res.status).toBe(201);
  return `${server.url}/sandboxes/${name}/alarm-com/WebServices/CustomerManagement.asmx${query}`;
}

function runZeep(wsdl11: string, wsdl12: string): Promise<Record<'1.1' | '1.2', any>> {
  // Loopback only: no proxy from the environment may stand between zeep and the server.
  const env = { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' };
  return new Promise((resolve, reject) =>
    execFile(PYTHON, [SCRIPT, wsdl11, wsdl12], { env, encoding: 'utf8' }, (err, stdout, stderr) =>
      err ? reject(new Error(`zeep-client.py failed: ${err.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    ),
  );
}

describe('zeep (Python) over the served WSDL', () => {
  it("runs the seed's ISP calls in SOAP 1.1 and 1.2, each in its own sandbox by base URL", {
    timeout: 60_000,
  }, async () => {
    requireZeep();
    const wsdl11 = await sandboxWsdl('zeep-11', '?wsdl');
    const wsdl12 = await sandboxWsdl('zeep-12', '?WSDL');
    const out = await runZeep(wsdl11, wsdl12);
    for (const [version, wsdl] of [
      ['1.1', wsdl11],
      ['1.2', wsdl12],
    ] as const) {
      const run = out[version];
      expect(run.endpoint, version).toBe(wsdl.replace(/\?.*$/, ''));
      expect(run.get, version).toMatchObject({ Success: true });
      expect(run.set, version).toMatchObject({ Success: true, BillingIntegrationEnabled: true });
      expect(run.setWithoutRole, version).toMatchObject({ Success: false, BillingIntegrationEnabled: null });
      expect(run.setWithoutRole.ErrorMessage, version).toContain('SecurityTrax Role');
      expect(run.fault, version).toMatchObject({
        code: version === '1.1' ? 'soap:Client.InvalidCredentials' : 'soap:Sender',
        message: 'The Alarm.com username or password is incorrect.',
        detailCode: 'InvalidCredentials',
      });
      if (version === '1.2')
        expect(run.fault.subcodes).toEqual(['{http://www.alarm.com/WebServices}InvalidCredentials']);
    }
    // The Set calls landed in their own sandboxes, not in the default one.
    const settings = async (sandbox: string) =>
      (
        (await (await fetch(`${server.url}/sandboxes/${sandbox}/__sim/alarm-com-credentials`)).json()) as {
          items: { username: string; securityTraxSettings: { updatedAt: string | null } }[];
        }
      ).items.find((c) => c.username === 'acme-isp')?.securityTraxSettings.updatedAt;
    expect(await settings('zeep-11')).not.toBe(await settings('default'));
  });
});
