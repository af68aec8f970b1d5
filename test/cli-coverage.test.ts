// `trax-sim coverage` as a CI step runs it: the real CLI process against a running simulator, its sandboxes
// created with one run's tag. Exit 1 below the bar with the behaviours never exercised, 0 once they are,
// 2 for what cannot be judged (an unknown id, tag or sandbox, a usage error, a refused read).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../src/index.ts';
import { startServer } from '../src/server.ts';
import { runCli } from './support/spawn-cli.ts';

const RUN = 'ci-run-42';
const jane = { authorization: `Basic ${Buffer.from('jane:jane-pass').toString('base64')}`, 'x-sandbox': `${RUN}-a` };
const json = { 'content-type': 'application/json' };
// A card the test instruments decline for insufficient funds (README, "Test instruments").
const NO_FUNDS = {
  type: 'credit_card',
  card: { number: '4000000000009995', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
};

let sim: Simulator;
const coverage = (...args: string[]) => runCli(['coverage', '--url', sim.url, ...args]);

beforeAll(async () => {
  sim = await startSimulator();
  // One CI run's sandbox: three-past-due on Mar 3, where Jane's Billing screen shows a past-due balance.
  const made = await fetch(`${sim.url}/__sim/sandboxes`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ name: `${RUN}-a`, scenario: 'three-past-due', tag: RUN }),
  });
  expect(made.status).toBe(201);
  const advanced = await fetch(`${sim.url}/__sim/clock/advance`, {
    method: 'POST',
    headers: { ...json, 'x-sandbox': `${RUN}-a` },
    body: JSON.stringify({ to: '2019-03-03T09:00:00Z' }),
  });
  expect(advanced.status).toBe(200);
  expect((await fetch(`${sim.url}/alarm-com/api/billing/summary`, { headers: jane })).status).toBe(200);
}, 60_000);
afterAll(() => sim?.close());

describe('trax-sim coverage', () => {
  it('fails below the bar listing each required behaviour never exercised, and passes once a test exercises it', async () => {
    const required = ['--tag', RUN, '--require', 'past-due,decline.insufficient_funds'];
    const below = await coverage(...required);
    expect(below.code).toBe(1);
    expect(below.stderr).toContain('1 required behaviour(s) never exercised by your tests:');
    expect(below.stderr).toContain(
      '  - decline.insufficient_funds: A charge is declined for insufficient funds.\n      exercised by the bundled scenario declines',
    );
    expect(below.stderr).not.toContain('- past-due');
    expect(below.stdout).toContain(`Behaviour coverage of the sandboxes tagged ${RUN} (${RUN}-a)`);

    const paid = await fetch(`${sim.url}/alarm-com/api/billing/payments`, {
      method: 'POST',
      headers: { ...jane, ...json },
      body: JSON.stringify({ amountCents: 1000, newBillingMethod: NO_FUNDS }),
    });
    expect(paid.status).toBe(402);
    const met = await coverage(...required);
    expect(met.stderr).toMatch(/^trax-sim coverage: bar met/);
    expect(met.code).toBe(0);
  }, 60_000);

  it('--min is a share of the catalogue: far below it every behaviour never exercised is listed', async () => {
    const r = await coverage('--tag', RUN, '--min', '60%');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/% of the behaviours exercised, below 60%; never exercised \(\d+\):/);
    expect(r.stderr).toContain('- mmr-only: ');
    expect((await coverage('--tag', RUN, '--min', '0%')).code).toBe(0);
  }, 60_000);

  it('--format json is the server report as is; junit has a test case per behaviour, written with --output', async () => {
    const asJson = await coverage('--tag', RUN, '--format', 'json');
    expect(asJson.code).toBe(0);
    const report = await sim.coverage({ tag: RUN });
    expect(JSON.parse(asJson.stdout)).toEqual(report);

    const file = path.join(mkdtempSync(path.join(tmpdir(), 'trax-cov-')), 'coverage.xml');
    const junit = await coverage('--tag', RUN, '--format', 'junit', '--output', file, '--require', 'mmr-only');
    expect(junit.code).toBe(1);
    expect(junit.stdout).toContain(`junit report written to ${file}`);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(file, 'utf8'));
    expect(Number(xml.testsuites['@_tests'])).toBe(report.behaviours.length);
    expect(Number(xml.testsuites['@_failures'])).toBe(1);
    expect(Number(xml.testsuites['@_skipped'])).toBe(
      report.summary.behaviours.total - report.summary.behaviours.covered - 1,
    );

    const html = await coverage('--tag', RUN, '--format', 'html');
    expect(html.stdout).toMatch(/^<!doctype html>/);
  }, 60_000);

  it('an unknown behaviour id exits 2, naming it with the close ones', async () => {
    const r = await coverage('--tag', RUN, '--require', 'past-due,decline.card-declined,nothing-like-it');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'unknown behaviour id decline.card-declined in --require; close ones: decline.card_declined',
    );
    expect(r.stderr).toContain('unknown behaviour id nothing-like-it in --require (none close');
    expect(r.stdout).toBe('');
  }, 60_000);

  it("an unknown tag or sandbox is the server's 404 problem on one line, exit 2", async () => {
    const tag = await coverage('--tag', 'no-such-run');
    expect(tag.code).toBe(2);
    expect(tag.stderr).toBe(
      'trax-sim coverage: 404 tag-not-found: Tag not found: No sandbox was created with the tag "no-such-run".\n',
    );
    const sandbox = await coverage('--sandbox', 'no-such-sandbox');
    expect(sandbox.code).toBe(2);
    expect(sandbox.stderr).toMatch(/^trax-sim coverage: 404 sandbox-not-found: Sandbox not found: [^\n]*\n$/);
  }, 60_000);

  it('usage errors exit 2 with one line', async () => {
    for (const args of [['--tag', RUN, '--all'], ['--min', '150%'], ['--format', 'xml'], ['--nope']]) {
      const r = await coverage(...args);
      expect({ args, code: r.code, lines: r.stderr.trim().split('\n').length }).toEqual({ args, code: 2, lines: 1 });
    }
    const noUrl = await runCli(['coverage'], { TRAX_SIM_URL: '' });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('--url is needed');
  }, 60_000);
});

describe('trax-sim coverage with an admin token', () => {
  it('sends --admin-token (or $TRAX_SIM_ADMIN_TOKEN); without it the 401 is one line, exit 2', async () => {
    const server = await startServer({ port: 0, dataDir: null, adminToken: 'secret-token-1' });
    try {
      const refused = await runCli(['coverage', '--url', server.url], { TRAX_SIM_ADMIN_TOKEN: '' });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^trax-sim coverage: 401 admin-token-required/);
      expect((await runCli(['coverage', '--url', server.url, '--admin-token', 'secret-token-1'])).code).toBe(0);
      const byEnv = await runCli(['coverage', '--url', server.url, '--all'], {
        TRAX_SIM_ADMIN_TOKEN: 'secret-token-1',
      });
      expect(byEnv.stdout).toContain('Behaviour coverage of');
      expect(byEnv.code).toBe(0);
    } finally {
      await server.close();
    }
  }, 60_000);
});
