import type { Hono } from 'hono';
import { createApp, type AppOptions } from '../../src/create-app.ts';
import type { Services } from '../../src/services/services.ts';
import { checkInvariants } from '../../src/domain/invariants.ts';
import type { SandboxState, SimEvent } from '../../src/domain/types.ts';
import { eventsMatching } from '../../src/domain/event-page.ts';
import { seedState } from '../../src/seeds/seed-state.ts';
import { memoryPersistence } from '../../src/store/persistence.ts';
import { createStore } from '../../src/store/sandbox-store.ts';
import type { Store } from '../../src/store/store.ts';
import { loadScenarioSeeder } from '../../src/scenarios/scenario-seeder.ts';
import { recordViolation } from './violations.ts';

export const basic = (username: string, password: string): string =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
export const JANE = basic('jane', 'jane-pass');

export type Call = {
  auth?: string;
  sandbox?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
};
export type Reply = { status: number; body: any; headers: Headers };

export type TestApp = {
  app: Hono;
  store: Store;
  services: Services;
  call(method: string, path: string, call?: Call): Promise<Reply>;
  state(sandbox?: string): SandboxState;
  /** The sandbox's whole timeline, as plain events. */
  timeline(sandbox?: string): SimEvent[];
  /** Every sandbox (state and timeline) as one JSON text: equal texts, unchanged store. */
  dump(): Promise<string>;
};

/** After every committed command, the sandbox's invariants must hold; a break fails the running test. */
function withInvariantChecks(store: Store): Store {
  const write = store.write.bind(store);
  return Object.assign(store, {
    async write<T>(name: string, command: Parameters<Store['write']>[1]): Promise<T> {
      const result = (await write(name, command)) as T;
      const broken = checkInvariants(store.require(name), store.events(name));
      if (broken.length)
        recordViolation({
          operationId: null,
          method: 'COMMIT',
          path: name,
          status: 0,
          errors: broken.map((message) => ({ path: '/invariants', message })),
        });
      return result;
    },
  });
}

/** An in-memory simulator with the demo sandbox as "default", strict response validation on. */
export async function testApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const store = withInvariantChecks(await createStore(memoryPersistence()));
  const scenarios = options.scenarios ?? loadScenarioSeeder();
  await store.create(seedState('default', { kind: 'demo' }, scenarios));
  let services!: Services;
  const app = createApp({
    store,
    strict: true,
    onViolation: recordViolation,
    scenarios,
    ...options,
    extend: (hono, s) => {
      services = s;
      options.extend?.(hono, s);
    },
  });
  return {
    app,
    store,
    services,
    async call(method, path, { auth, sandbox, body, rawBody, headers = {} } = {}) {
      const h: Record<string, string> = { ...headers };
      if (auth) h.authorization = auth;
      if (sandbox) h['x-sandbox'] = sandbox;
      const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      if (payload !== undefined) h['content-type'] ??= 'application/json';
      const res = await app.request(path, { method, headers: h, body: payload });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* keep text */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    state: (sandbox = 'default') => store.require(sandbox),
    timeline: (sandbox = 'default') => eventsMatching(store.events(sandbox), {}),
    dump: async () =>
      JSON.stringify((await store.names()).map((n) => [store.require(n), eventsMatching(store.events(n), {})])),
  };
}
