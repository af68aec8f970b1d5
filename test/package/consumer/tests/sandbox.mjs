// The consumer's test helper: a sandbox of its own for each test, tagged with the CI run (TRAX_SIM_RUN).
import assert from 'node:assert/strict';

const { TRAX_SIM_URL: url, TRAX_SIM_RUN: run } = process.env;

/** A fresh sandbox from a scenario; returns a fetch bound to it (X-Sandbox). */
export async function sandbox(name, scenario) {
  const made = await fetch(`${url}/__sim/sandboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `${run}-${name}`, scenario, tag: run }),
  });
  assert.equal(made.status, 201, await made.text());
  return (path, init = {}) =>
    fetch(`${url}${path}`, { ...init, headers: { ...init.headers, 'x-sandbox': `${run}-${name}` } });
}

export const basic = (user, password) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
