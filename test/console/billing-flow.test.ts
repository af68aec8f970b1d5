// The Billing screen in Chromium: scenario three-past-due loaded from the Time page, then the seed
// document's flows: three unpaid invoices, a partial payment, a changed card, a month later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server.ts';
import { createSandbox, launchBrowser, screenshot, startConsoleServer, submit, text } from './browser.ts';

const SANDBOX = 'console-billing';
let server: RunningServer;
let browser: Browser;
let page: Page;
const open = (path: string) => page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}sandbox=${SANDBOX}`);
const byTestId = (id: string) => page.getByTestId(id);

describe('Billing screen (browser)', () => {
  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
    await createSandbox(server, { name: SANDBOX, seed: 'empty' });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads three-past-due on the Time page and advances the clock to Mar 3, 2019', async () => {
    await open('/time');
    await submit(page, byTestId('load-three-past-due'));
    await submit(page, byTestId('confirm-load-button'));
    expect(await text(byTestId('flash'))).toContain('Loaded scenario "three-past-due"');
    await byTestId('advance-to-date').fill('2019-03-03');
    await submit(page, byTestId('advance-to'));
    expect(await text(byTestId('flash'))).toContain('to Mar 03, 2019, 00:00 UTC');
    expect(await text(byTestId('events'))).toContain('invoice.past_due');
  });

  it('shows three unpaid invoices, two past due', async () => {
    await open('/');
    await submit(page, page.locator('tr[data-login="jane"] a'));
    expect(await text(byTestId('balance-due'))).toBe('$119.97');
    expect(await text(byTestId('balance-past-due'))).toBe('$79.98');
    const rows = byTestId('unpaid-invoices').locator('tbody tr');
    expect(await rows.allInnerTexts()).toEqual([
      expect.stringMatching(/Jan 03, 2019\s+\$39\.99\s+Past due/),
      expect.stringMatching(/Feb 03, 2019\s+\$39\.99\s+Past due/),
      expect.stringMatching(/Mar 03, 2019\s+\$39\.99\s+Current/),
    ]);
    expect(await text(byTestId('payment-method'))).toBe('Visa ending in 0002 · expires 12/2030');
    expect(await byTestId('autopay').isChecked()).toBe(true);
    expect(await byTestId('autopay').isDisabled()).toBe(true);
    await screenshot(page, 'billing', 'docs/console-billing.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'billing-phone', 'docs/console-billing-phone.png');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('reports a declined charge with the saved card, then pays $50.00 with a new card', async () => {
    await submit(page, byTestId('pay'));
    await page.getByLabel('Other amount in dollars').fill('50'); // focusing it selects "Other amount"
    expect(await page.locator('input[data-kind="custom"]').isChecked()).toBe(true);
    await submit(page, page.getByRole('button', { name: 'Next' }));
    expect(await text(page.locator('[data-testid="pay-method"] h2'))).toBe('2. Pay $50.00 with');
    await submit(page, byTestId('make-payment')); // saved method: the always-declined card
    expect(await text(byTestId('problem'))).toContain(
      'Payment declined The card was declined. No payment was made and your balance is unchanged.',
    );

    await page.goBack();
    await page.locator('input[name="number"]').fill('4242 4242 4242 4242'); // selects "A new card"
    expect(await page.locator('input[name="method"][value="new"]').isChecked()).toBe(true);
    await page.locator('input[name="expMonth"]').fill('8');
    await page.locator('input[name="expYear"]').fill('2031');
    await page.locator('input[name="cvv"]').fill('123');
    await submit(page, byTestId('make-payment'));
    expect(await text(byTestId('payment-result'))).toBe(
      'Payment successful: $50.00 applied to the oldest invoices first.',
    );
    expect(await byTestId('allocations').locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/Jan 03, 2019\s+\$39\.99/),
      expect.stringMatching(/Feb 03, 2019\s+\$10\.01/),
    ]);
  });

  it('shows the oldest invoice paid and the balances updated', async () => {
    await submit(page, page.getByRole('link', { name: 'Back to Billing' }));
    expect(await text(byTestId('balance-due'))).toBe('$69.97');
    expect(await text(byTestId('balance-past-due'))).toBe('$29.98');
    expect(await byTestId('unpaid-invoices').locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/Feb 03, 2019\s+\$29\.98\s+Past due/),
      expect.stringMatching(/Mar 03, 2019\s+\$39\.99\s+Current/),
    ]);
    await submit(page, page.getByRole('link', { name: 'Bills (all invoices)' }));
    expect(await text(byTestId('bills').locator('tbody tr').last())).toMatch(/Jan 03, 2019 \$39\.99 \$0\.00 Paid/);
  });

  it('changes the card, then its expiry', async () => {
    await submit(page, page.getByRole('link', { name: 'Payment method' }));
    const form = byTestId('new-card-form');
    await form.locator('input[name="number"]').fill('5555 5555 5555 4444');
    await form.locator('input[name="expMonth"]').fill('9');
    await form.locator('input[name="expYear"]').fill('2031');
    await submit(page, form.getByRole('button', { name: 'Save card' }));
    expect(await text(byTestId('flash'))).toContain('Payment method changed to Mastercard ending in 4444');
    expect(await text(byTestId('payment-method'))).toBe('Mastercard ending in 4444 · expires 09/2031');

    await submit(page, byTestId('change-method'));
    await byTestId('expiry-form').locator('input[name="expYear"]').fill('2033');
    await submit(page, byTestId('expiry-form').getByRole('button', { name: 'Update expiry' }));
    expect(await text(byTestId('payment-method'))).toBe('Mastercard ending in 4444 · expires 09/2033');
  });

  it('advances the clock a month: a new invoice, paid by Auto Pay with the new card', async () => {
    await open('/time');
    await submit(page, byTestId('advance-month'));
    expect(await text(byTestId('flash'))).toMatch(/to Apr 03, 2019, 00:00 UTC: .*invoice\.created/);
    await open('/billing/bills?login=1');
    const newest = await text(byTestId('bills').locator('tbody tr').first());
    expect(newest).toMatch(/Apr 03, 2019 Apr 03, 2019 \$39\.99 \$0\.00 Paid/);
    await open('/billing/payments?login=1');
    expect(await text(byTestId('payments').locator('tbody tr').first())).toMatch(
      /\$39\.99 Mastercard ending in 4444 .* Auto Pay Succeeded/,
    );
  });
});
