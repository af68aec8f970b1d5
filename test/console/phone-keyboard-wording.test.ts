// The console as QA uses it on a phone and from the keyboard, in product wording (browser).
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CATALOGUE } from '../../src/http/coverage-catalogue.ts';
import type { RunningServer } from '../../src/server.ts';
import {
  createSandbox,
  horizontalOverflow,
  launchBrowser,
  pressAndWait,
  startConsoleServer,
  submit,
  tabTo,
  text,
  visibleText,
} from './browser.ts';

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let sandbox = '';
let n = 0;
const byTestId = (id: string) => page.getByTestId(id);
const open = (path: string) => page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}sandbox=${sandbox}`);
const DEVELOPER_TEXT =
  /\/(amountCents|dollars|card\/|expiry\/|bankAccount\/)|must be a number|must be at most|is not an amount/;

describe('the console on a phone, from the keyboard, in product wording (browser)', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  // Every test starts from its own copy of the demo sandbox, at desktop size unless it says otherwise.
  const fresh = async (viewport = { width: 1280, height: 800 }) => {
    sandbox = `issue14-${++n}`;
    await createSandbox(server, { name: sandbox, seed: 'demo' });
    await context?.close();
    context = await browser.newContext({ viewport });
    page = await context.newPage();
  };

  it('tabbing through "Other amount" and the new-card fields keeps the preset amount and the saved card', async () => {
    await fresh();
    await open('/billing/pay?login=1');
    await tabTo(page, 'input[name="dollars"]');
    await tabTo(page, '[data-testid="pay-amount"] button[type="submit"]');
    await pressAndWait(page, 'Enter');
    expect(await text(page.locator('[data-testid="pay-method"] h2'))).toBe('2. Pay $79.98 with');
    await tabTo(page, 'input[name="number"]');
    await tabTo(page, '[data-testid="make-payment"]');
    await pressAndWait(page, 'Enter');
    expect(await text(byTestId('problem-title'))).toBe('Payment declined'); // the saved card, always declined
    expect(await text(page.locator('[data-testid="payment-detail"]'))).toContain('Visa ending in 0002');
  }, 90_000);

  it('at 390x844 nothing is wider than the phone, the header spans it, and scenario descriptions have room', async () => {
    await fresh({ width: 390, height: 844 });
    for (const path of [
      '/dealer',
      '/time',
      '/billing?login=1',
      '/billing/payments?login=1',
      '/billing/bills?login=1',
      '/coverage',
    ]) {
      await open(path);
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
      expect(await page.locator('header.top').evaluate((h) => h.getBoundingClientRect().width), path).toBe(390);
    }
    await open('/time');
    const widths = await page
      .locator('[data-scenario] p')
      .evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect().width));
    expect(Math.min(...widths)).toBeGreaterThan(300);
  }, 90_000);

  it('an amount over the balance is refused at step 1, next to the field, with the range', async () => {
    await fresh();
    await open('/billing/pay?login=1');
    await tabTo(page, 'input[name="dollars"]');
    await page.keyboard.type('99999');
    await pressAndWait(page, 'Enter');
    expect(await page.getByTestId('pay-method').count()).toBe(0);
    const field = page.locator('input[name="dollars"]');
    expect(await field.inputValue()).toBe('99999');
    expect(await field.getAttribute('aria-describedby')).toContain('dollars-error');
    expect(await text(page.locator('#dollars-error'))).toBe('Enter an amount between $0.01 and $119.97.');
    // The problem sits in the form, after the breadcrumb.
    const after = await page.evaluate(() => {
      const crumb = document.querySelector('[data-testid="breadcrumb"]');
      const problem = document.querySelector('[data-testid="problem"]');
      return (
        !!crumb &&
        !!problem &&
        !!(crumb.compareDocumentPosition(problem) & Node.DOCUMENT_POSITION_FOLLOWING) &&
        !!problem.closest('form')
      );
    });
    expect(after).toBe(true);
  }, 90_000);

  it('end users read sentences, not JSON pointers; the API detail stays under Details', async () => {
    await fresh();
    await open('/billing/pay?login=1&choice=custom&dollars=99999');
    expect(await visibleText(page)).not.toMatch(DEVELOPER_TEXT);
    await open('/billing/pay?login=1&choice=custom&dollars=');
    expect(await visibleText(page)).toContain('Enter an amount between $0.01 and $119.97.');
    expect(await visibleText(page)).not.toMatch(DEVELOPER_TEXT);

    await open('/billing/pay?login=1&amountCents=1000&method=new');
    await page.locator('input[name="number"]').fill('4242 4242 4242 4242');
    await submit(page, byTestId('make-payment'));
    expect(await text(page.locator('#pay-expMonth-error'))).toBe('Enter the expiry month as a number from 1 to 12.');
    expect(await page.locator('input[name="expMonth"]').getAttribute('aria-describedby')).toBe('pay-expMonth-error');
    expect(await visibleText(page)).not.toMatch(DEVELOPER_TEXT);
    await page.locator('[data-testid="problem-details"] summary').click();
    expect(await text(byTestId('problem-fields'))).toBe('/card/expMonth must be a number');

    await open('/billing/method?login=1');
    await page.locator('#bank input[name="routingNumber"]').fill('12');
    await page.locator('#bank input[name="accountNumber"]').fill('000123456789');
    await submit(page, page.getByRole('button', { name: 'Save bank account' }));
    expect(await text(page.locator('#bank-routingNumber-error'))).toBe('Enter the 9-digit routing number.');
    expect(await visibleText(page)).not.toMatch(DEVELOPER_TEXT);
  }, 90_000);

  it('unknown console URLs answer an HTML page; the event timeline shows readable data', async () => {
    await fresh();
    for (const path of ['/nope', '/billing/bills/abc?login=1']) {
      const res = await open(path);
      expect(res?.status(), path).toBe(404);
      expect(res?.headers()['content-type'], path).toContain('text/html');
      expect(await text(page.locator('h1')), path).toBe('Not found');
      expect(await page.locator('header.top').count(), path).toBe(1);
    }
    await open('/time');
    const data = await text(byTestId('events').locator('td.data').first());
    expect(data).not.toMatch(/[{}"]/);
    expect(await text(byTestId('events'))).toMatch(/dueDate Mar 03, 2019/);
  }, 90_000);

  it('a declined payment offers "Try another card" with the same amount', async () => {
    await fresh();
    await open('/billing/pay?login=1&amountCents=1000');
    await submit(page, byTestId('make-payment'));
    expect(await text(byTestId('problem-title'))).toBe('Payment declined');
    await submit(page, byTestId('try-another-card'));
    expect(await text(page.locator('[data-testid="pay-method"] h2'))).toBe('2. Pay $10.00 with');
    expect(await page.locator('input[name="method"][value="new"]').isChecked()).toBe(true);
  }, 90_000);

  it('the dealer view makes the fixes "Billing Not Configured" points to', async () => {
    await fresh();
    // bob: no MMR recurring invoice -> add one from the link, then a card for Auto Pay.
    await open('/billing?login=3');
    await submit(page, byTestId('fix-mmr'));
    expect(await page.locator('#recurring-customer').inputValue()).toBe('3');
    await submit(page, byTestId('add-recurring-submit'));
    expect(await text(byTestId('flash'))).toMatch(/Recurring invoice #\d+ added with the MMR line/);
    const form = byTestId('add-method');
    await form.locator('select[name="customerId"]').selectOption('3');
    await form.locator('input[name="number"]').fill('4242 4242 4242 4242');
    await form.locator('input[name="expMonth"]').fill('5');
    await form.locator('input[name="expYear"]').fill('2031');
    await form.locator('#dealer-card-number ~ input, input[name="holderName"]').first().fill('Bob Jones');
    await submit(page, byTestId('add-method-submit'));
    expect(await text(byTestId('flash'))).toContain('Added Visa ending in 4242 for customer #3');
    const row = byTestId('recurring-invoices').locator('tr', { hasText: 'Bob Jones' }).last();
    await row.locator('select[name="billingMethodId"]').selectOption({ label: 'Visa ending in 4242' });
    await submit(page, row.getByRole('button', { name: /Set Auto Pay method/ }));
    await open('/billing?login=3');
    expect(await text(byTestId('due-line'))).toBe('No balance due');
    expect(await text(byTestId('payment-method'))).toBe('Visa ending in 4242 · expires 05/2031');

    // dave: not linked -> link him to Carol from the link.
    await open('/billing?login=4');
    await submit(page, byTestId('fix-link-login'));
    await byTestId('link-customer-4').selectOption('2');
    await submit(page, byTestId('link-login-4'));
    expect(await text(byTestId('flash'))).toBe('Linked dave to Carol Smith.');
    await open('/billing?login=4');
    expect(await byTestId('balance-due').count()).toBe(1);
  }, 90_000);

  it('Change payment method offers a bank account', async () => {
    await fresh();
    await open('/billing/method?login=1');
    const form = byTestId('bank-form');
    await form.locator('input[name="routingNumber"]').fill('110000000');
    await form.locator('input[name="accountNumber"]').fill('000123456789');
    await form.locator('input[name="accountType"][value="savings"]').check();
    await submit(page, form.getByRole('button', { name: 'Save bank account' }));
    expect(await text(byTestId('flash'))).toBe(
      'Payment method changed to Savings ending in 6789; Auto Pay uses it from now on.',
    );
    expect(await text(byTestId('payment-method'))).toBe('Savings account ending in 6789');
  }, 90_000);

  it('one wording, one date format, no dead links, PRG run reports, a confirmed load, "due today"', async () => {
    await fresh();
    await open('/billing?login=1');
    expect(await text(byTestId('due-line'))).toBe('Due today, Mar 03, 2019');
    expect(await text(byTestId('unpaid-invoices').locator('tr[data-invoice="7"]'))).toMatch(/Current$/);
    await open('/billing/bills?login=1');
    expect(await text(byTestId('bills').locator('tr[data-invoice="7"]'))).toMatch(/Current$/);
    for (const path of [
      '/billing?login=1',
      '/billing/payments?login=1',
      '/billing/bills?login=1',
      '/dealer',
      '/time',
    ]) {
      await open(path);
      expect(await visibleText(page), path).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }

    await open('/billing?login=3');
    const hrefs = await page
      .locator('main a')
      .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(hrefs.filter((h) => /^\/billing\/(pay|payments|bills)/.test(h))).toEqual([]);

    await open('/time');
    await submit(page, byTestId('run-three-past-due'));
    expect(new URL(page.url()).pathname).toMatch(/^\/time\/runs\/\d+$/);
    const url = page.url();
    const [reloaded] = await Promise.all([page.waitForRequest((r) => r.isNavigationRequest()), page.reload()]);
    expect(reloaded.method()).toBe('GET');
    expect(page.url()).toBe(url);
    expect(await text(byTestId('scenario-report').locator('h2'))).toBe('Run of three-past-due passed');

    await open('/time');
    await submit(page, byTestId('load-no-mmr'));
    expect(await text(page.locator('h1'))).toBe('Load scenario no-mmr?');
    await submit(page, byTestId('cancel-load'));
    expect(await text(page.locator('main'))).toContain('Seeded from demo');
    await submit(page, byTestId('load-no-mmr'));
    await submit(page, byTestId('confirm-load-button'));
    expect(await text(byTestId('flash'))).toContain(`Loaded scenario "no-mmr" into "${sandbox}"`);
  }, 120_000);

  it('skip link, labelled column headers, a sandbox picker with a button, Pay early in the Tab order', async () => {
    await fresh();
    await open('/billing?login=1');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pay');
    await open('/billing?login=1');
    expect(await tabTo(page, '[data-testid="pay"]')).toBe(9); // without the skip link: right after the header's 8 stops

    for (const path of ['/', '/billing?login=1', '/billing/payments?login=1']) {
      await open(path);
      const unlabelled = await page
        .locator('th')
        .evaluateAll((ths) => ths.filter((th) => !(th.textContent ?? '').trim()).length);
      expect(unlabelled, path).toBe(0);
    }

    await open('/dealer');
    const picker = page.locator('header select[name="sandbox"]');
    await picker.focus();
    await page.keyboard.press('ArrowDown'); // browsing the options must not navigate
    await page.keyboard.press('ArrowUp');
    expect(new URL(page.url()).searchParams.get('sandbox')).toBe(sandbox);
    expect(await page.locator('header form').getByRole('button', { name: 'Switch' }).count()).toBe(1);
  }, 90_000);

  it('Coverage page: covered and uncovered from the API traffic, an uncovered behaviour loads its scenario from the keyboard', async () => {
    await fresh();
    const summary = await fetch(`${server.url}/alarm-com/api/billing/summary`, {
      headers: { 'x-sandbox': sandbox, authorization: `Basic ${Buffer.from('jane:jane-pass').toString('base64')}` },
    });
    expect(summary.status).toBe(200);
    await open('/coverage');
    expect(await page.locator('[data-behaviour="past-due"]').getAttribute('data-covered')).toBe('yes');
    expect(await text(page.locator('[data-behaviour="past-due"] [data-testid="first-request"]'))).toMatch(
      /^1 request; first GET \/alarm-com\/api\/billing\/summary answered 200 at Mar 03, 2019, 09:00 UTC \(journal #\d+\)\.$/,
    );
    expect(await page.locator('[data-behaviour="mmr-only"]').getAttribute('data-covered')).toBe('no');
    await tabTo(page, '[data-testid="load-scenario-mmr-only"]');
    await pressAndWait(page, 'Enter');
    const scenario = CATALOGUE.find((b) => b.id === 'mmr-only')!.scenario;
    expect(await text(page.locator('h1'))).toBe(`Load scenario ${scenario}?`);
    await tabTo(page, '[data-testid="confirm-load-button"]');
    await pressAndWait(page, 'Enter');
    expect(await text(byTestId('flash'))).toContain(`Loaded scenario "${scenario}" into "${sandbox}"`);

    // The scope picker, then Show, from the keyboard: every sandbox's coverage (this one's traffic included).
    await open('/coverage');
    await tabTo(page, '[data-testid="coverage-scope-select"]');
    await page.locator('[data-testid="coverage-scope-select"]').selectOption('all');
    await tabTo(page, '[data-testid="coverage-show"]');
    await pressAndWait(page, 'Enter');
    expect(new URL(page.url()).searchParams.get('scope')).toBe('all');
    expect(await text(page.locator('[data-behaviour="past-due"] [data-testid="first-request"]'))).toContain(
      `in ${sandbox}`,
    );
  }, 90_000);

  it('Coverage page at 390x844 with the operations table open: nothing wider than the phone, no serious axe violation', async () => {
    await fresh({ width: 390, height: 844 });
    await open('/coverage');
    await tabTo(page, '[data-testid="jump-operations"]'); // past the long checklist
    await page.keyboard.press('Enter');
    expect(await tabTo(page, '[data-testid="operations"] summary')).toBe(1);
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-testid="operations"]').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await page.locator('tr[data-operation="getBillingSummary 200"]').isVisible()).toBe(true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const audit = await new AxeBuilder({ page }).analyze();
    const serious = audit.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id} ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  }, 90_000);
});
