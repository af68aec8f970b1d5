// The request journal keeps bodies, so every secret a request or an answer carries must be masked before an
// entry is stored: card numbers (last 4 kept), CVVs, bank account numbers, the SOAP header's password, the
// control API's passwords, SecurityTrax tokens. Checked on what the API lists (the in-memory journal) and on
// the rows a shared deployment writes to PostgreSQL, after traffic on every face that carries them.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createWebServicesClient } from '../../contracts/clients/web-services-client.ts';
import { startServer } from '../../src/server.ts';
import { JANE } from '../support/test-app.ts';
import { freshDatabase } from '../support/postgres.ts';
import { billingData, dealerApi, fetchCall } from '../support/securitytrax.ts';
import { recordViolation } from '../support/violations.ts';

const CARD = '4111111111111111';
const SPACED_CARD = '5555 5555 5555 4444';
const BAD_LUHN = '4111111111111112';
const CVV = '9731';
const BANK_ACCOUNT = '000123456789';
const PASSWORDS = ['isp-pass', 'dealer-pass', 'newbie-secret-pass'];
const card = (number: string, holderName = 'Jane Doe') => ({
  type: 'credit_card',
  card: { number, expMonth: 11, expYear: 2031, cvv: CVV, holderName },
});

/** Requests carrying every kind of secret, on every face; the tokens the answers gave. */
async function traffic(url: string): Promise<string[]> {
  const api = fetchCall(url);
  const json = async (method: string, path: string, body: unknown, auth?: string) => {
    const res = await api.call(method, path, { body, auth });
    return res;
  };
  expect(
    (await json('POST', '/alarm-com/api/billing/payments', { amountCents: 100, newBillingMethod: card(CARD) }, JANE))
      .status,
  ).toBe(201);
  expect(
    (await json('PUT', '/alarm-com/api/billing/payment-method', { newBillingMethod: card(SPACED_CARD) }, JANE)).status,
  ).toBe(200);
  // Refused, with the number typed into the holder name as well.
  expect(
    (
      await json(
        'POST',
        '/alarm-com/api/billing/payments',
        { amountCents: 100, newBillingMethod: card(BAD_LUHN, `Jane ${BAD_LUHN}`) },
        JANE,
      )
    ).status,
  ).toBe(422);
  const st = dealerApi(api);
  const bank = {
    type: 'bank_account',
    bankAccount: {
      routingNumber: '110000000',
      accountNumber: BANK_ACCOUNT,
      accountType: 'checking',
      holderName: 'Jane Doe',
    },
  };
  expect((await st.post('/customer_billings', billingData(1, bank as never))).status).toBe(201);
  expect((await st.post('/customer_billings', billingData(1, card(CARD) as never))).status).toBe(201);
  const soap = createWebServicesClient({ baseUrl: url, username: 'acme-isp', password: 'isp-pass' });
  await soap.setSecurityTraxSettings(true);
  expect(
    (await json('POST', '/__sim/logins', { username: 'newbie', password: 'newbie-secret-pass', customerId: null }))
      .status,
  ).toBe(201);
  expect((await json('PUT', '/__sim/dealer', { username: 'dealer', password: 'dealer-pass' })).status).toBe(200);
  const pat = await json('POST', '/__sim/securitytrax/personal-access-tokens', { name: 'ci' });
  expect(pat.status).toBe(201);
  const bearer = (await st.headers()).authorization!.replace('Bearer ', '');
  return [pat.body.token as string, bearer];
}

/** Fails naming the secret and where it was found; CVV fields hold `***` only. */
function expectMasked(text: string, tokens: string[], where: string) {
  const secrets = [CARD, SPACED_CARD, BAD_LUHN, BANK_ACCOUNT, ...PASSWORDS, ...tokens];
  for (const secret of secrets) expect(text.includes(secret), `${secret} found in ${where}`).toBe(false);
  expect(text, where).not.toMatch(/\d{12,}/);
  const cvvs = [...text.matchAll(/cvv\\*"\s*:\s*\\*"([^"\\]*)/gi)].map((m) => m[1]);
  expect(cvvs.length, where).toBeGreaterThan(0);
  expect(new Set(cvvs), where).toEqual(new Set(['***']));
  // What is kept: the last 4 digits, and the SOAP user with a masked password.
  expect(text, where).toContain('************1111');
  expect(text, where).toContain('********6789');
  expect(text, where).toMatch(/<Password>\*\*\*<\/Password>/);
}

describe('the journal masks secrets before storing an entry', () => {
  it('in memory: nothing GET /__sim/journal lists holds a card number, CVV, account number, password or token', async () => {
    const server = await startServer({ port: 0, dataDir: null, strict: true, onViolation: recordViolation });
    try {
      const tokens = await traffic(server.url);
      const listed = await (await fetch(`${server.url}/__sim/journal`)).text();
      expect(JSON.parse(listed).items.length).toBeGreaterThan(8);
      expectMasked(listed, tokens, 'the journal listing');
    } finally {
      await server.close();
    }
  }, 60_000);

  it('on PostgreSQL: the rows of sandbox_journal hold none either', async () => {
    const database = await freshDatabase();
    const server = await startServer({ port: 0, database, strict: true, onViolation: recordViolation });
    try {
      const tokens = await traffic(server.url);
      // A listing writes what is buffered first.
      expect((await fetch(`${server.url}/__sim/journal`)).status).toBe(200);
      const client = new pg.Client({ connectionString: database });
      await client.connect();
      try {
        const { rows } = await client.query<{ entry: string }>('SELECT entry FROM sandbox_journal ORDER BY id');
        expect(rows.length).toBeGreaterThan(8);
        expectMasked(rows.map((r) => r.entry).join('\n'), tokens, 'sandbox_journal');
      } finally {
        await client.end();
      }
    } finally {
      await server.close();
    }
  }, 60_000);
});
