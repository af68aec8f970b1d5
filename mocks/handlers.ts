// MSW handlers that answer with the simulator itself: every request under `baseUrl` goes to the same
// Hono app the server runs (`app.fetch(request)`). No billing rule lives here; change behaviour with
// sandboxes, scenarios, the virtual clock and faults (/__sim), exactly as against the real server.
import type { Hono } from 'hono';
import { http, type HttpHandler } from 'msw';
import { createApp, type AppOptions } from '../src/create-app.ts';
import { loadScenarioSeeder } from '../src/scenarios/scenario-seeder.ts';
import { seedState } from '../src/seeds/seed-state.ts';
import { memoryPersistence } from '../src/store/persistence.ts';
import { createStore } from '../src/store/sandbox-store.ts';
import type { Store } from '../src/store/store.ts';

export const DEFAULT_BASE_URL = 'http://trax-sim.test';

/** What the handlers need from the app: `fetch(request)` (a Hono app, or anything alike). */
export type FetchApp = { fetch(request: Request): Response | Promise<Response> };

export type HandlerOptions = {
  /** Requests under this origin (and path, if any) are answered; default http://trax-sim.test. */
  baseUrl?: string;
  /** Adds `X-Sandbox: <name>` to requests that do not name a sandbox themselves. */
  sandbox?: string;
  /** The simulator to answer with: an app, or a promise of one. Default: a shared in-memory demo simulator. */
  app?: FetchApp | Promise<FetchApp>;
};

/** `http.all(`${baseUrl}/*`, ({ request }) => app.fetch(request))`, with the sandbox header and base path handled. */
export function createHandlers({ baseUrl = DEFAULT_BASE_URL, sandbox, app }: HandlerOptions = {}): HttpHandler[] {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const target = () => app ?? defaultSimulator().then((s) => s.app);
  return [
    http.all(`${base.origin}${prefix}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const headers = new Headers(request.headers);
      if (sandbox !== undefined && !headers.has('x-sandbox')) headers.set('x-sandbox', sandbox);
      // The app serves the API at the root: strip a base path such as http://host/trax.
      url.pathname = url.pathname.slice(prefix.length) || '/';
      const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
      return (await target()).fetch(new Request(url, { method: request.method, headers, body }));
    }),
  ];
}

export type MockSimulator = {
  app: Hono;
  store: Store;
  baseUrl: string;
  handlers: HttpHandler[];
};

export type MockSimulatorOptions = Partial<Omit<AppOptions, 'store'>> & {
  baseUrl?: string;
  /** Sandbox the handlers send requests to when they name none (default `default`). */
  sandbox?: string;
  /** Seed the `default` sandbox from this scenario's `given` instead of the demo data. */
  scenario?: string;
};

/** An in-memory simulator (sandbox `default` = demo data, or a scenario's start) and handlers for it. */
export async function createMockSimulator(options: MockSimulatorOptions = {}): Promise<MockSimulator> {
  const { baseUrl = DEFAULT_BASE_URL, sandbox, scenario, ...appOptions } = options;
  const scenarios = appOptions.scenarios ?? loadScenarioSeeder();
  const store = await createStore(memoryPersistence());
  await store.create(
    seedState('default', scenario ? { kind: 'scenario', name: scenario } : { kind: 'demo' }, scenarios),
  );
  const app = createApp({ ...appOptions, store, scenarios });
  return { app, store, baseUrl, handlers: createHandlers({ baseUrl, sandbox, app }) };
}

let shared: Promise<MockSimulator> | undefined;
/** The simulator behind the default `handlers`, created on first use (one per process/worker). */
export const defaultSimulator = (): Promise<MockSimulator> => (shared ??= createMockSimulator());

/** Ready-to-use handlers for http://trax-sim.test backed by the shared demo simulator (created lazily). */
export const handlers: HttpHandler[] = createHandlers();
