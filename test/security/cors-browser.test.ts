// CORS in a browser: a page of another origin calls the sandbox from real Chromium,
// and succeeds only when --cors grants that origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { launchBrowser } from '../console/browser.ts';
import { dealerApi, fetchCall, stBase } from '../support/securitytrax.ts';

/** The other origin: a tiny server of one blank HTML page. */
async function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>client app</title>'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

type Outcome = { ok: true; status: number; body: unknown } | { ok: false; error: string };

/** Runs fetch in the page: what the browser lets the page see. */
async function fetchFromPage(
  browser: Browser,
  pageOrigin: string,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<Outcome> {
  const page = await browser.newPage();
  try {
    await page.goto(pageOrigin);
    return await page.evaluate(
      async ({ url, init }) => {
        try {
          const res = await fetch(url, init);
          return { ok: true as const, status: res.status, body: await res.json().catch(() => null) };
        } catch (err) {
          return { ok: false as const, error: String(err) };
        }
      },
      { url, init },
    );
  } finally {
    await page.close();
  }
}

describe('a browser page of another origin (Chromium)', () => {
  let browser: Browser;
  let other: { server: Server; origin: string };
  const sims: RunningServer[] = [];

  beforeAll(async () => {
    [browser, other] = await Promise.all([launchBrowser(), pageServer()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([browser?.close(), ...sims.map((s) => s.close()), new Promise((r) => other?.server.close(r))]);
  });

  // The page sends what a SecurityTrax client sends: the integrator key and a dealer token (made here, server-side).
  const createCustomer = async (sim: RunningServer) => ({
    method: 'POST',
    headers: await dealerApi(fetchCall(sim.url)).headers(),
    body: JSON.stringify({
      data: { type: 'customers', attributes: { fname: 'Browser', lname: 'Client', email: 'b@example.com' } },
    }),
  });

  it('with --cors granting its origin, the page creates a customer and reads the answer', async () => {
    const sim = await startServer({ port: 0, dataDir: null, cors: { origins: [other.origin] } });
    sims.push(sim);
    const before = sim.store.require('default').customers.length;
    const outcome = await fetchFromPage(
      browser,
      other.origin,
      `${sim.url}${stBase()}/customers`,
      await createCustomer(sim),
    );
    expect(outcome).toMatchObject({ ok: true, status: 201, body: { data: { attributes: { fname: 'Browser' } } } });
    expect(sim.store.require('default').customers.length).toBe(before + 1);
  }, 60_000);

  it('without --cors, the same call is refused by the browser and nothing is created; a simple POST to /__sim/reset is refused by the server', async () => {
    const sim = await startServer({ port: 0, dataDir: null });
    sims.push(sim);
    const before = sim.store.require('default').customers.length;
    const outcome = await fetchFromPage(
      browser,
      other.origin,
      `${sim.url}${stBase()}/customers`,
      await createCustomer(sim),
    );
    expect(outcome.ok).toBe(false);
    expect(sim.store.require('default').customers.length).toBe(before);

    await fetch(`${sim.url}/__sim/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"by":"P1D"}',
    });
    const now = sim.store.require('default').now;
    // A "simple" request (a bodiless POST, as a form without fields) needs no preflight: the browser
    // sends it, so the server itself must refuse it.
    const reset = await fetchFromPage(browser, other.origin, `${sim.url}/__sim/reset`, { method: 'POST' });
    expect(reset.ok).toBe(false);
    expect(sim.store.require('default').now).toBe(now);
  }, 60_000);
});
