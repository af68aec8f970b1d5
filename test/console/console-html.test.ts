// The console without a browser: app.request on the same app the API uses (strict validation on, so
// a console page being checked against the spec would fail these tests through the violations hook).
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/test-app.ts';

const JANE = 1; // demo: three unpaid invoices (Jan 3, Feb 3, Mar 3 2019), two past due
const BOB = 3; // demo: recurring invoice without MMR

async function get(t: TestApp, path: string): Promise<{ status: number; html: string; type: string | null }> {
  const res = await t.app.request(path);
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') };
}

async function post(t: TestApp, path: string, form: Record<string, string>): Promise<string> {
  const res = await t.app.request(path, { method: 'POST', body: new URLSearchParams(form) });
  expect(res.status).toBe(303);
  return res.headers.get('location') ?? '';
}

const plain = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

describe('console pages (no browser)', () => {
  it('renders the Billing screen with the balances from the billing service', async () => {
    const t = await testApp();
    const { status, html, type } = await get(t, `/billing?sandbox=default&login=${JANE}`);
    expect(status).toBe(200);
    expect(type).toContain('text/html');
    const text = plain(html);
    expect(text).toContain('Balance Due $119.97');
    expect(text).toContain('Due today, Mar 03, 2019');
    expect(text).toContain('Balance Past Due $79.98');
    expect(text).toMatch(
      /Jan 03, 2019 \$39\.99 Past due .*Feb 03, 2019 \$39\.99 Past due .*Mar 03, 2019 \$39\.99 Current/,
    );
    expect(text).toContain('Visa ending in 0002 · expires 12/2030');
    expect(html).toMatch(/<input type="checkbox" checked="" disabled=""|<input type="checkbox" checked disabled/);
  });

  it('lists the logins on / and shows "Billing Not Configured" with the failing conditions', async () => {
    const t = await testApp();
    const home = plain((await get(t, '/')).html);
    expect(home).toMatch(/jane #1 Jane Doe \(#1\) configured/);
    expect(home).toContain(
      'dave #4 not linked Billing Not Configured This Alarm.com login is not linked to a SecurityTrax account.',
    );
    const bob = plain((await get(t, `/billing?login=${BOB}`)).html);
    expect(bob).toContain('Billing Not Configured');
    expect(bob).toContain('The SecurityTrax account has no Recurring Invoice with the MMR (ID 3) Invoice Line Item.');
  });

  it('makes a partial payment through the Pay form and shows the updated balances', async () => {
    const t = await testApp();
    const location = await post(t, `/billing/pay?sandbox=default&login=${JANE}`, {
      amountCents: '5000',
      method: 'new',
      number: '4242 4242 4242 4242',
      expMonth: '8',
      expYear: '2031',
      cvv: '123',
      holderName: 'Jane Doe',
    });
    expect(location).toMatch(/^\/billing\/payments\/\d+\?sandbox=default&login=1&result=1$/);
    const result = plain((await get(t, location)).html);
    expect(result).toContain('Payment successful: $50.00');
    expect(result).toMatch(/#1 Jan 03, 2019 \$39\.99 #4 Feb 03, 2019 \$10\.01/);
    const after = plain((await get(t, `/billing?login=${JANE}`)).html);
    expect(after).toContain('Balance Due $69.97');
    expect(after).toContain('Balance Past Due $29.98');
    expect(JSON.stringify(t.state().payments.at(-1))).not.toContain('123'); // the CVV went nowhere
  });

  it('shows a declined charge and a refused amount as readable problems', async () => {
    const t = await testApp();
    const declined = await post(t, `/billing/pay?login=${JANE}`, { amountCents: '1000', method: 'saved' });
    expect(plain((await get(t, declined)).html)).toContain(
      'Payment declined The card was declined. No payment was made and your balance is unchanged.',
    );
    const refused = await post(t, `/billing/pay?login=${JANE}`, { amountCents: '999999', method: 'saved' });
    expect(refused).toContain('dollars=9999.99');
    const page = plain((await get(t, refused)).html);
    expect(page).toContain('Amount exceeds balance Enter an amount between $0.01 and $119.97.');
    // The API's wording stays under Details for developers.
    expect(page).toContain(
      'Details Problem amount-exceeds-balance The amount $9,999.99 is more than the balance due of $119.97. /amountCents must be at most 11997',
    );
  });

  it('refuses the Billing Integration on an ISP whose credentials lack the role, with the API message', async () => {
    const t = await testApp();
    const location = await post(t, '/dealer/isps/2?sandbox=default', { save: '1', billingIntegration: 'on' });
    const page = await get(t, location);
    expect(plain(page.html)).toContain(
      'SecurityTrax Role missing The Alarm.com credentials "norole-isp" do not have the SecurityTrax Role.',
    );
    expect(page.html).toMatch(
      /<input type="checkbox" name="billingIntegration" value="on" data-testid="billing-integration-2"/,
    );
    expect(t.state().isps.find((i) => i.id === 2)?.billingIntegration).toBe(false);
  });

  it('advances the clock from the Time page and keeps console requests out of the API checks', async () => {
    const t = await testApp();
    const location = await post(t, '/time/advance?sandbox=default', { by: 'P1M' });
    expect(decodeURIComponent(location.replace(/\+/g, ' '))).toContain(
      'Clock advanced from Mar 03, 2019, 09:00 UTC to Apr 03, 2019, 09:00 UTC',
    );
    const bills = plain((await get(t, `/billing/bills?login=${JANE}`)).html);
    expect(bills).toContain('Apr 03, 2019');
    const bad = await get(t, '/billing?sandbox=nosuch&login=1');
    expect(bad.status).toBe(404);
    expect(bad.type).toContain('text/html');
    expect(plain(bad.html)).toContain('Sandbox not found There is no sandbox named "nosuch".');
  });

  it('answers an unknown page with an HTML page to browsers and the route-not-found problem to other clients', async () => {
    const t = await testApp();
    const browser = await t.app.request('/billing/bills/abc?login=1', {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(browser.status).toBe(404);
    expect(browser.headers.get('content-type')).toContain('text/html');
    expect(plain(await browser.text())).toContain('Not found Page not found');
    const client = await t.app.request('/nope');
    expect(client.status).toBe(404);
    expect(client.headers.get('content-type')).toContain('application/problem+json');
  });

  it('the Time page folds each journaled request’s bodies under it, masked and escaped', async () => {
    const t = await testApp();
    const card = { number: '4242424242424242', cvv: '123', expMonth: 12, expYear: 2040, holderName: '<b>Jane</b>' };
    await t.call('POST', '/alarm-com/api/billing/payments', {
      auth: `Basic ${btoa('jane:jane-pass')}`,
      body: { amountCents: 100, newBillingMethod: { type: 'credit_card', card } },
    });
    const { html } = await get(t, '/time?sandbox=default');
    const bodies = html.slice(html.indexOf('data-testid="journal-bodies"'));
    expect(bodies).toMatch(/<summary[^>]*>Bodies<\/summary>/);
    expect(bodies).toContain('Request (application/json)');
    expect(bodies).toContain('&quot;number&quot;: &quot;************4242&quot;');
    expect(bodies).toContain('&quot;cvv&quot;: &quot;***&quot;');
    expect(bodies).toContain('&lt;b&gt;Jane&lt;/b&gt;');
    expect(bodies).toContain('Answer (application/json)');
    expect(html).not.toContain('4242424242424242');
  });
});
