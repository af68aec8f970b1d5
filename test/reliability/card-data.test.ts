// Full card numbers and CVVs go in through every path that takes them (createBillingMethod, makePayment
// with newBillingMethod, changePaymentMethod with newBillingMethod; accepted, declined and rejected) and
// must come out nowhere: not in the store files (snapshot and log), any response, the journal, the events
// or the server's log lines.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server.ts';
import { JANE } from '../support/test-app.ts';
import { billingData, dealerApi, fetchCall } from '../support/securitytrax.ts';

const CVV = '8642';
const card = (number: string, cvv = CVV) => ({
  type: 'credit_card',
  card: { number, expMonth: 11, expYear: 2031, cvv, holderName: 'Jane Doe' },
});
// Accepted Visa / Mastercard / Amex, one typed with spaces, one that declines, one that fails the Luhn check.
const NUMBERS = [
  '4111111111111111',
  '5555555555554444',
  '378282246310005',
  '4012888888881881',
  '4000000000000002',
  '4111111111111112',
];
const BANK_ACCOUNT = '000123456789';

describe('card data never leaves the request', () => {
  it('not in the store files, responses, journal, events or log', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'trax-card-'));
    const logLines: string[] = [];
    const server = await startServer({
      port: 0,
      dataDir,
      log: (line) => logLines.push(line),
      compactAfterBytes: 10_000,
    });
    const responses: string[] = [];
    const send = async (method: string, p: string, body: unknown, auth?: string) => {
      const res = await fetch(`${server.url}${p}`, {
        method,
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      responses.push(`${res.status} ${JSON.stringify([...res.headers])} ${text}`);
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    const st = dealerApi(
      fetchCall(server.url, (status, headers, text) =>
        responses.push(`${status} ${JSON.stringify([...headers])} ${text}`),
      ),
    );
    const addMethod = (m: Parameters<typeof billingData>[1]) => st.post('/customer_billings', billingData(1, m));
    try {
      const [visa, mastercard, amex, spaced, declining, badLuhn] = NUMBERS as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      expect((await addMethod(card(visa) as never)).status).toBe(201);
      expect((await addMethod(card(spaced.replace(/(\d{4})/g, '$1 ').trim()) as never)).status).toBe(201);
      const bank = {
        type: 'bank_account',
        bankAccount: {
          routingNumber: '011000015',
          accountNumber: BANK_ACCOUNT,
          accountType: 'checking',
          holderName: 'Jane Doe',
        },
      };
      expect((await addMethod(bank as never)).status).toBe(201);
      expect(
        (
          await send(
            'POST',
            '/alarm-com/api/billing/payments',
            { amountCents: 500, newBillingMethod: card(mastercard) },
            JANE,
          )
        ).status,
      ).toBe(201);
      expect(
        (
          await send(
            'POST',
            '/alarm-com/api/billing/payments',
            { amountCents: 500, newBillingMethod: card(declining) },
            JANE,
          )
        ).status,
      ).toBe(402);
      expect(
        (
          await send(
            'POST',
            '/alarm-com/api/billing/payments',
            { amountCents: 500, newBillingMethod: card(badLuhn) },
            JANE,
          )
        ).status,
      ).toBe(422);
      expect(
        (
          await send(
            'POST',
            '/alarm-com/api/billing/payments',
            { amountCents: 500, newBillingMethod: card(visa, '12345') },
            JANE,
          )
        ).status,
      ).toBe(422);
      expect(
        (await send('PUT', '/alarm-com/api/billing/payment-method', { newBillingMethod: card(amex) }, JANE)).status,
      ).toBe(200);
      expect(
        (await send('PUT', '/alarm-com/api/billing/payment-method', { newBillingMethod: card(badLuhn) }, JANE)).status,
      ).toBe(422);
      // A card number typed into the holder name is refused too, rather than stored.
      const inName = {
        type: 'credit_card',
        card: { number: visa, expMonth: 11, expYear: 2031, holderName: `Jane ${visa}` },
      };
      expect((await addMethod(inName as never)).status).toBe(422);
      // Enough traffic for a compaction, so the snapshot is rewritten from the state as well.
      for (let i = 0; i < 30; i++)
        await send('POST', '/alarm-com/api/billing/payments', { amountCents: 1, newBillingMethod: card(visa) }, JANE);
      // The journal (recorded per route on a normal server) has the attempts, their bodies masked.
      const journal = await send('GET', '/__sim/journal', undefined);
      const statuses = new Set(
        journal.body.items
          .filter((e: { path: string }) => e.path === '/alarm-com/api/billing/payments')
          .map((e: { status: number }) => e.status),
      );
      expect([...statuses].sort()).toEqual([201, 402, 422]);
      await send('GET', '/__sim/events', undefined);
      await st.get('/customer_billings?filter=customer_id%20%3D%201');
      await send('GET', '/alarm-com/api/billing/payments', undefined, JANE);
    } finally {
      await server.close();
    }
    const dir = path.join(dataDir, 'sandboxes');
    const storeFiles = readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')] as const);
    expect(storeFiles.map(([f]) => f).sort()).toEqual(['default.json', 'default.wal']);
    expect(storeFiles.find(([f]) => f === 'default.json')![1]).toMatch(/"walSeq":[1-9]/); // compacted at least once
    const places: [string, string][] = [
      ...storeFiles.map(([f, text]) => [`store file ${f}`, text] as [string, string]),
      ['responses', responses.join('\n')],
      ['server log', logLines.join('\n')],
    ];
    expect(logLines.length).toBeGreaterThan(40);
    const secrets = [...NUMBERS, ...NUMBERS.map((n) => n.replace(/(\d{4})/g, '$1 ').trim()), BANK_ACCOUNT, CVV];
    for (const [where, text] of places) {
      for (const secret of secrets) expect(text.includes(secret), `${secret} found in ${where}`).toBe(false);
      // The journal shows that a CVV was sent, masked: a cvv field holds `***` and nothing else.
      expect(text, where).not.toMatch(/"cvv\\*"\s*:\s*\\*"(?!\*\*\*\\*")/i);
      expect(text, where).not.toMatch(/\d{12,}/); // no card- or account-length digit run at all
    }
  });
});
