// The test the consumer adds once `trax-sim coverage` told it what its tests never saw: three months of
// declined Auto Pay charges (card_declined) and the past-due balance they leave (bundled scenario three-past-due).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basic, sandbox } from './sandbox.mjs';

test('the Billing screen shows a past-due balance after declined Auto Pay charges', async () => {
  const sim = await sandbox('past-due', 'three-past-due');
  const advanced = await sim('/__sim/clock/advance', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: '2019-03-03T09:00:00Z' }),
  });
  assert.equal(advanced.status, 200);
  const summary = await sim('/alarm-com/api/billing/summary', { headers: basic('jane', 'jane-pass') });
  assert.equal(summary.status, 200);
  assert.equal((await summary.json()).balancePastDueCents, 7998);
});
