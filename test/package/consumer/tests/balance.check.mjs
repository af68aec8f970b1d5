// The consumer's first test: its Billing screen shows what Ana owes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basic, sandbox } from './sandbox.mjs';

test('the Billing screen shows the balance due', async () => {
  const sim = await sandbox('balance', 'own-customer');
  const summary = await sim('/alarm-com/api/billing/summary', { headers: basic('ana', 'ana-pass') });
  assert.equal(summary.status, 200);
  assert.equal((await summary.json()).balanceDueCents, 4500);
});
