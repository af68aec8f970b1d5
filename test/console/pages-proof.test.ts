// Every console page in Chromium at phone (390x844) and desktop (1280x800) size: nothing wider than the
// viewport, and an axe-core audit without serious or critical violations.
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createWebServicesClient } from '../../contracts/clients/web-services-client.ts';
import type { RunningServer } from '../../src/server.ts';
import { VIEWPORTS, createSandbox, horizontalOverflow, launchBrowser, startConsoleServer, submit } from './browser.ts';

const SANDBOX = 'console-pages';
const TEST_CARD = { number: '4242424242424242', cvv: '123', expMonth: 12, expYear: 2040, holderName: 'Jane Doe' };
let server: RunningServer;
let browser: Browser;
const pages: { name: string; path: string; openDetails?: boolean }[] = [];

async function discover(page: Page): Promise<void> {
  const q = `sandbox=${SANDBOX}`;
  await page.goto(`${server.url}/billing/payments?${q}&login=1`);
  const payment = await page.locator('[data-testid="payments"] a').first().getAttribute('href');
  await page.goto(`${server.url}/time?${q}`);
  await submit(page, page.getByTestId('run-three-past-due'));
  const run = new URL(page.url()).pathname;
  // Some API traffic, so the Coverage page shows covered behaviours beside the uncovered ones.
  const res = await fetch(`${server.url}/alarm-com/api/billing/summary`, {
    headers: { 'x-sandbox': SANDBOX, authorization: `Basic ${Buffer.from('dave:dave-pass').toString('base64')}` },
  });
  expect(res.status).toBe(409);
  pages.push(
    { name: 'logins', path: `/?${q}` },
    { name: 'billing', path: `/billing?${q}&login=1` },
    { name: 'billing, not configured (no MMR)', path: `/billing?${q}&login=3` },
    { name: 'billing, not configured (not linked)', path: `/billing?${q}&login=4` },
    { name: 'pay, step 1', path: `/billing/pay?${q}&login=1` },
    { name: 'pay, step 1 refused', path: `/billing/pay?${q}&login=1&choice=custom&dollars=99999` },
    { name: 'pay, step 2', path: `/billing/pay?${q}&login=1&amountCents=1000` },
    { name: 'payment method', path: `/billing/method?${q}&login=1` },
    { name: 'payments', path: `/billing/payments?${q}&login=1` },
    { name: 'payment', path: `${payment}&result=1` },
    { name: 'bills', path: `/billing/bills?${q}&login=1` },
    { name: 'bill', path: `/billing/bills/1?${q}&login=1` },
    { name: 'dealer', path: `/dealer?${q}` },
    { name: 'time', path: `/time?${q}` },
    { name: 'time, journal bodies unfolded', path: `/time?${q}`, openDetails: true },
    { name: 'load confirmation', path: `/time/scenarios/load?${q}&scenario=three-past-due` },
    { name: 'scenario run', path: `${run}?${q}` },
    { name: 'coverage', path: `/coverage?${q}` },
    { name: 'coverage, all sandboxes, only uncovered', path: `/coverage?${q}&scope=all&show=uncovered` },
    { name: 'not found', path: `/nope?${q}` },
  );
}

describe('every console page at phone and desktop size (browser)', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    await createSandbox(server, { name: SANDBOX, seed: 'demo' });
    // API traffic for the journal's bodies on the Time page: JSON in and out, and a SOAP envelope.
    await fetch(`${server.url}/sandboxes/${SANDBOX}/alarm-com/api/billing/payments`, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa('jane:jane-pass')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amountCents: 100, newBillingMethod: { type: 'credit_card', card: TEST_CARD } }),
    });
    await createWebServicesClient({
      baseUrl: `${server.url}/sandboxes/${SANDBOX}`,
      username: 'acme-isp',
      password: 'isp-pass',
    }).setSecurityTraxSettings(true);
    const page = await browser.newPage();
    await discover(page);
    await page.close();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`no horizontal overflow and no serious or critical axe violation at ${viewport.name} size (${viewport.width}x${viewport.height})`, async () => {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await context.newPage();
      const found: string[] = [];
      for (const p of pages) {
        const res = await page.goto(`${server.url}${p.path}`);
        expect(res?.headers()['content-type'], p.name).toContain('text/html');
        if (p.openDetails)
          await page.locator('details').evaluateAll((ds) => {
            for (const d of ds) d.setAttribute('open', '');
          });
        const overflow = await horizontalOverflow(page);
        if (overflow > 0) found.push(`${p.name}: ${overflow}px wider than the viewport`);
        const audit = await new AxeBuilder({ page }).analyze();
        for (const v of audit.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
          found.push(`${p.name}: ${v.impact} ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
        }
      }
      expect(found).toEqual([]);
      await context.close();
    }, 400_000);
  }
});
