// The whole payment flow with the keyboard alone (Tab, Shift+Tab, arrows, Space, Enter, typing), at
// phone and desktop size: a preset amount with the saved (declined) card, "Try another card", your own
// amount with a new card, a new card and a bank account as the payment method, a preset amount again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server.ts';
import { VIEWPORTS, createSandbox, launchBrowser, pressAndWait, startConsoleServer, tabTo, text } from './browser.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startConsoleServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const focused = (page: Page) =>
  page.evaluate(
    () => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.textContent?.trim() ?? '',
  );
const type = (page: Page, keys: string) => page.keyboard.type(keys);

/** Tab to a field, type into it. */
async function typeInto(page: Page, selector: string, keys: string): Promise<void> {
  await tabTo(page, selector);
  await type(page, keys);
}

describe.each(VIEWPORTS)('payment flow by keyboard at $name size (browser)', (viewport) => {
  const sandbox = `keyboard-${viewport.name}`;
  let context: BrowserContext;
  let page: Page;
  const byTestId = (id: string) => page.getByTestId(id);

  beforeAll(async () => {
    await createSandbox(server, { name: sandbox, seed: 'demo' });
    context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    page = await context.newPage();
    await page.goto(`${server.url}/billing?sandbox=${sandbox}&login=1`);
  });
  afterAll(async () => {
    await context?.close();
  }, 90_000);

  it('skip link, then Pay: the second Tab stop', async () => {
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('skip-link');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('pay');
    await pressAndWait(page, 'Enter');
    expect(await text(page.locator('[data-testid="pay-amount"] h2'))).toBe('1. Choose an amount');
  }, 90_000);

  it('preset "Balance Past Due" with the saved card: tabbing through the other fields changes nothing; declined', async () => {
    await tabTo(page, 'input[name="choice"]');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).dataset.kind)).toBe('past_due');
    await tabTo(page, 'input[name="dollars"]');
    await tabTo(page, '[data-testid="pay-amount"] button[type="submit"]');
    await pressAndWait(page, 'Enter');
    expect(await text(page.locator('[data-testid="pay-method"] h2'))).toBe('2. Pay $79.98 with');
    await tabTo(page, 'input[name="number"]');
    await tabTo(page, '[data-testid="make-payment"]');
    await pressAndWait(page, 'Enter');
    expect(await text(byTestId('problem-title'))).toBe('Payment declined');
  }, 90_000);

  it('"Try another card": the same amount with a new card, typed field by field', async () => {
    await tabTo(page, '[data-testid="try-another-card"]');
    await pressAndWait(page, 'Enter');
    expect(await text(page.locator('[data-testid="pay-method"] h2'))).toBe('2. Pay $79.98 with');
    expect(await page.locator('input[name="method"][value="new"]').isChecked()).toBe(true);
    await typeInto(page, 'input[name="number"]', '4242 4242 4242 4242');
    await typeInto(page, 'input[name="expMonth"]', '8');
    await typeInto(page, 'input[name="expYear"]', '2031');
    await typeInto(page, 'input[name="cvv"]', '123');
    await tabTo(page, '[data-testid="make-payment"]');
    await pressAndWait(page, 'Enter');
    expect(await text(byTestId('payment-result'))).toBe(
      'Payment successful: $79.98 applied to the oldest invoices first.',
    );
  }, 90_000);

  it('your own amount, chosen with the arrow keys, with a new card chosen with the arrow keys', async () => {
    await tabTo(page, 'a[href^="/billing?"]');
    await pressAndWait(page, 'Enter');
    expect(await text(byTestId('balance-due'))).toBe('$39.99');
    await tabTo(page, '[data-testid="pay"]');
    await pressAndWait(page, 'Enter');
    await tabTo(page, 'input[name="choice"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('input[data-kind="custom"]').isChecked()).toBe(true);
    await typeInto(page, 'input[name="dollars"]', '12.34');
    await tabTo(page, '[data-testid="pay-amount"] button[type="submit"]');
    await pressAndWait(page, 'Enter');
    expect(await text(page.locator('[data-testid="pay-method"] h2'))).toBe('2. Pay $12.34 with');
    await tabTo(page, 'input[name="method"][value="saved"]');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('input[name="method"][value="new"]').isChecked()).toBe(true);
    await typeInto(page, 'input[name="number"]', '5555 5555 5555 4444');
    await typeInto(page, 'input[name="expMonth"]', '9');
    await typeInto(page, 'input[name="expYear"]', '2032');
    await tabTo(page, '[data-testid="make-payment"]');
    await pressAndWait(page, 'Enter');
    expect(await text(byTestId('payment-result'))).toBe(
      'Payment successful: $12.34 applied to the oldest invoices first.',
    );
  }, 90_000);

  it('changes the payment method to a new card, then pays a preset amount with that saved card', async () => {
    await tabTo(page, 'a[href^="/billing?"]');
    await pressAndWait(page, 'Enter');
    await tabTo(page, '[data-testid="change-method"]');
    await pressAndWait(page, 'Enter');
    await typeInto(page, '#card-number', '4242 4242 4242 4242');
    await typeInto(page, '[data-testid="new-card-form"] input[name="expMonth"]', '10');
    await typeInto(page, '[data-testid="new-card-form"] input[name="expYear"]', '2033');
    await tabTo(page, '[data-testid="new-card-form"] button[type="submit"]');
    await pressAndWait(page, 'Enter');
    expect(await text(byTestId('flash'))).toContain('Payment method changed to Visa ending in 4242');
    expect(await text(byTestId('payment-method'))).toBe('Visa ending in 4242 · expires 10/2033');

    await tabTo(page, '[data-testid="pay"]');
    await pressAndWait(page, 'Enter');
    await tabTo(page, '[data-testid="pay-amount"] button[type="submit"]');
    await pressAndWait(page, 'Enter');
    expect(await text(page.locator('[data-testid="pay-method"] h2'))).toBe('2. Pay $27.65 with');
    await tabTo(page, '[data-testid="make-payment"]');
    await pressAndWait(page, 'Enter');
    expect(await text(byTestId('payment-result'))).toBe(
      'Payment successful: $27.65 applied to the oldest invoices first.',
    );
  }, 90_000);

  it('changes the payment method to a bank account', async () => {
    await tabTo(page, 'a[href^="/billing?"]');
    await pressAndWait(page, 'Enter');
    await tabTo(page, '[data-testid="change-method"]');
    await pressAndWait(page, 'Enter');
    await typeInto(page, '#bank input[name="routingNumber"]', '110000000');
    await typeInto(page, '#bank input[name="accountNumber"]', '000123456789');
    await tabTo(page, '#bank input[name="accountType"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp'); // back to checking, by arrows only
    await typeInto(page, '#bank input[name="bankName"]', 'First Bank');
    await tabTo(page, '#bank input[name="accountNumber"]', { back: true }); // Shift+Tab back: what was typed is kept
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('000123456789');
    await tabTo(page, '[data-testid="bank-form"] button[type="submit"]');
    await pressAndWait(page, 'Enter');
    expect(await text(byTestId('flash'))).toContain('Payment method changed to Checking ending in 6789');
    expect(await text(byTestId('payment-method'))).toBe('First Bank · Checking account ending in 6789');
  }, 90_000);
});
