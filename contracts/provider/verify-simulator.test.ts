// trax-sim/pact's verifyPacts: starts its own simulator with the consumer's scenario folders, verifies each
// pact file, stops it; a consumer scenario is a provider state like a bundled one.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { committedPacts, PactVerificationError, verifyPacts } from './index.ts';

const OWN = path.resolve('test/package/my-scenarios');
const BILLING_PACT = committedPacts().find((f) => f.includes('billing-screen'))!;

/** A one-interaction pact: given own-customer (a consumer scenario), Ana's summary shows 45.00 due. */
function ownCustomerPact(): string {
  const pact = JSON.parse(readFileSync(BILLING_PACT, 'utf8')) as { interactions: Record<string, unknown>[] };
  const summary = pact.interactions.find((i) => (i.request as { path: string }).path.endsWith('/summary'))!;
  pact.interactions = [
    {
      ...summary,
      description: 'a summary request given a consumer scenario',
      providerStates: [{ name: 'own-customer' }],
      request: {
        method: 'GET',
        path: '/alarm-com/api/billing/summary',
        headers: { Authorization: [`Basic ${Buffer.from('ana:ana-pass').toString('base64')}`] },
      },
      response: {
        status: 200,
        headers: { 'Content-Type': ['application/json'] },
        body: { content: { balanceDueCents: 4500 }, contentType: 'application/json', encoded: false },
      },
    },
  ];
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'trax-pact-')), 'own.json');
  writeFileSync(file, JSON.stringify(pact));
  return file;
}

describe('verifyPacts', () => {
  it('verifies the committed pacts against a simulator it starts and stops, and prints what they exercised', async () => {
    const lines: string[] = [];
    await expect(
      verifyPacts({ pactFiles: committedPacts(), scenarios: [OWN], log: (l) => lines.push(l) }),
    ).resolves.toHaveLength(committedPacts().length);
    expect(lines[0]).toMatch(
      /^trax-sim\/pact coverage of the verified interactions: \d+ of \d+ behaviours exercised \([\d.]+%\)$/,
    );
    // The billing screen pact reads a past-due balance; its ids are listed on the next line.
    expect(lines[1]).toContain('past-due');
  }, 60_000);

  it('knows a consumer scenario as a provider state when given its folder, and only then', async () => {
    const file = ownCustomerPact();
    await expect(verifyPacts({ pactFiles: [file], scenarios: [OWN] })).resolves.toHaveLength(1);
    await expect(verifyPacts({ pactFiles: [file] })).rejects.toThrow(PactVerificationError);
  }, 60_000);
});
