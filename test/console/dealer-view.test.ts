// The dealer view in Chromium: the "Billing Integration" checkbox refused for role-less credentials
// (same problem as the API), switched off and on for an ISP with the role, and what end users see.
import { dealerApi, fetchCall } from '../support/securitytrax.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server.ts';
import { createSandbox, launchBrowser, screenshot, startConsoleServer, submit, text } from './browser.ts';

const SANDBOX = 'console-dealer';
let server: RunningServer;
let browser: Browser;
let page: Page;
const open = (path: string) => page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}sandbox=${SANDBOX}`);
const byTestId = (id: string) => page.getByTestId(id);
const box = (ispId: number) => byTestId(`billing-integration-${ispId}`);

describe('Dealer view (browser)', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    await createSandbox(server, { name: SANDBOX, seed: 'demo' });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists customers, recurring invoices with the MMR line marked, and invoices with status and balance', async () => {
    await open('/dealer');
    expect(await text(byTestId('customers'))).toMatch(/Jane Doe jane@example\.com Acme Security \(Alarm\.com\)/);
    expect(await text(byTestId('recurring-invoices').locator('tr[data-recurring="1"]'))).toMatch(
      /MMR \(3\) Monthly monitoring \$39\.99/,
    );
    expect(await text(byTestId('recurring-invoices'))).toContain(
      'No MMR line: not viewable/payable through the Billing Integration.',
    );
    expect(await text(byTestId('invoices').locator('tr[data-invoice="1"]'))).toMatch(
      /Jane Doe recurring #1 Jan 03, 2019 Jan 03, 2019 \$39\.99 \$39\.99 Past due/,
    );
    expect(await box(1).isChecked()).toBe(true);
    expect(await box(2).isChecked()).toBe(false);
  });

  it('refuses the Billing Integration for credentials without the role: same message as the API, box unchecked', async () => {
    await box(2).check();
    await submit(page, byTestId('save-isp-2'));
    const st = dealerApi(fetchCall(server.url), { profile: SANDBOX });
    const api = (
      await st.patch('/interactive_services_providers/2', {
        type: 'interactive_services_providers',
        id: '2',
        attributes: { billing_integration: true },
      })
    ).body.errors[0] as { title: string; detail: string };
    expect(api.title).toBe('SecurityTrax Role missing');
    expect(await text(byTestId('problem-title'))).toBe(api.title);
    expect(await text(byTestId('problem-message'))).toBe(api.detail); // a sentence already: shown as is
    expect(await box(2).isChecked()).toBe(false);
    await screenshot(page, 'dealer');
  });

  it('switches the integration off and on for an ISP with the role; end users wait for the role cache', async () => {
    await box(1).uncheck();
    await submit(page, byTestId('save-isp-1'));
    expect(await text(byTestId('flash'))).toContain('Billing Integration disabled');
    await open('/billing?login=1');
    expect(await text(byTestId('not-configured'))).toContain(
      'Interactive Services Provider 1 does not have the Billing Integration enabled.',
    );

    await open('/dealer');
    await box(1).check();
    await submit(page, byTestId('save-isp-1'));
    expect(await box(1).isChecked()).toBe(true);
    await open('/billing?login=1');
    expect(await text(byTestId('not-configured'))).toContain('Alarm.com is still caching roles');

    await open('/time');
    await submit(page, byTestId('advance-day'));
    expect(await text(byTestId('events'))).toMatch(/role_cache\.refreshed/);
    await open('/billing?login=1');
    expect(await text(byTestId('balance-due'))).toMatch(/^\$\d/);
  });

  it('runs a scenario from the Time page and shows its step-by-step report', async () => {
    await open('/time');
    await submit(page, byTestId('run-three-past-due'));
    const report = byTestId('scenario-report');
    expect(await text(report.locator('h2'))).toBe('Run of three-past-due passed');
    expect(await report.locator('tbody tr').count()).toBeGreaterThan(3);
    expect(await text(report.locator('tr[data-step="1"]'))).toMatch(/Jan 3, Feb 3 and Mar 3 pass.* pass/);
  });

  it('switches sandbox with the header picker, keeping the page', async () => {
    await open('/dealer');
    await page.locator('header select[name="sandbox"]').selectOption('default');
    await submit(page, byTestId('switch-sandbox'));
    await page.waitForURL(/\/dealer\?sandbox=default$/);
    expect(await page.locator('header select[name="sandbox"]').inputValue()).toBe('default');
    expect(await box(1).isChecked()).toBe(true);
  });
});
