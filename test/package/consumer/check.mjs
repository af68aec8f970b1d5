// A consumer's plain-JavaScript test (Node ESM, no TypeScript anywhere): run with `node check.mjs` in a
// project that installed the packed trax-sim and msw.
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { startSimulator } from 'trax-sim';
import { createHandlers, handlers } from 'trax-sim/msw';

const jane = { authorization: `Basic ${Buffer.from('jane:jane-pass').toString('base64')}` };

// trax-sim: a real server on a free port, with this project's own scenario folder.
const sim = await startSimulator({ scenarios: ['my-scenarios'] });
try {
  const summary = await fetch(`${sim.url}/alarm-com/api/billing/summary`, { headers: jane });
  assert.equal(summary.status, 200);
  assert.equal(typeof (await summary.json()).balanceDueCents, 'number');
  const mine = await fetch(`${sim.url}/__sim/sandboxes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'mine', scenario: 'own-customer' }) });
  assert.equal(mine.status, 201);
  const spec = await fetch(`${sim.url}/__sim/openapi.yaml`);
  assert.match(await spec.text(), /^openapi: 3\.1/);
} finally {
  await sim.close();
}

// trax-sim/msw: the same simulator, in memory, answering fetch through MSW.
const server = setupServer(...handlers, ...createHandlers({ baseUrl: 'http://billing.example/sim', sandbox: 'default' }));
server.listen({ onUnhandledRequest: 'error' });
try {
  const viaMsw = await fetch('http://trax-sim.test/alarm-com/api/billing/summary', { headers: jane });
  assert.equal(viaMsw.status, 200);
  assert.equal(typeof (await viaMsw.json()).balanceDueCents, 'number');
  const based = await fetch('http://billing.example/sim/__sim/health');
  assert.equal((await based.json()).status, 'ok');
} finally {
  server.close();
}
// trax-sim/client loads without TypeScript (trax-sim/pact needs @pact-foundation/pact, not installed here).
assert.ok(Object.keys(await import('trax-sim/client')).length > 0);
console.log('consumer check passed');
