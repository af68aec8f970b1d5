// A CommonJS consumer (what Jest loads without its ESM mode): require() gets the package's CommonJS copy.
const assert = require('node:assert/strict');
const { startSimulator } = require('trax-sim');

assert.ok(Object.keys(require('trax-sim/client')).length > 0);
startSimulator({ scenarios: ['my-scenarios'], scenario: 'own-customer' }).then(async (sim) => {
  try {
    const sandbox = await (await fetch(`${sim.url}/__sim/sandboxes/default`)).json();
    assert.deepEqual(sandbox.seed, { kind: 'scenario', name: 'own-customer' });
  } finally {
    await sim.close();
  }
  console.log('commonjs check passed');
});
