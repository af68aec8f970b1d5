import { randomBytes } from 'node:crypto';
import { Hono as HonoApp, type Context, type Hono } from 'hono';
import { createPipeline, routeNotFound } from './http/pipeline.ts';
import { createBasicAuthenticator } from './http/basic-auth.ts';
import { compiledSpec } from './http/compiled-spec.ts';
import { mountGuards, type GuardOptions } from './http/guards/index.ts';
import { onErrorHandler } from './http/problem.ts';
import type { Handlers } from './http/operation.ts';
import type { ResponseViolation } from './http/response-validation.ts';
import { alarmComBillingRoutes, alarmComCreated } from './http/routes/alarm-com-routes.ts';
import { scenarioRoutes } from './http/routes/scenario-routes.ts';
import { lazyFaces } from './http/faces/lazy-faces.ts';
import type { WallClock } from './http/faces/securitytrax/tokens.ts';
import { simRoutes } from './http/routes/sim-routes.ts';
import { specRoutes } from './http/routes/spec-routes.ts';
import { findScenarioByName } from './scenarios/catalog.ts';
import type { ScenarioSeeder } from './seeds/seed-state.ts';
import type { Sleep } from './services/alarm-com-web-services.ts';
import type { IdSource } from './services/command-runner.ts';
import type { Journal } from './services/journal.ts';
import { createServices, type Services } from './services/services.ts';
import type { Store } from './store/store.ts';
import { VERSION } from './version.ts';

export type AppOptions = {
  store: Store;
  strict?: boolean;
  onViolation?: (v: ResponseViolation) => void;
  log?: (line: string) => void;
  journal?: Journal;
  sleep?: Sleep;
  idSource?: IdSource;
  scenarios?: ScenarioSeeder;
  extend?: (app: Hono, services: Services) => void;
  /** Browser clients of other origins (CORS); without it, cross-origin writes are refused. */
  cors?: GuardOptions['cors'];
  /** Protect /__sim and the console with this token (Authorization: Bearer, X-Admin-Token, console cookie). */
  adminToken?: string;
  /** Answer only these Host names (DNS-rebinding guard); startServer sets it, in-process use leaves it off. */
  hosts?: GuardOptions['hosts'];
  /**
   * Behind a reverse proxy the operator trusts: build the absolute links of answers from X-Forwarded-Proto and
   * X-Forwarded-Host (off by default: any client can send them).
   */
  trustProxy?: boolean;
  /** Wall clock (ms) for SecurityTrax token expiry; tests inject one and move it. Default Date.now. */
  wallClock?: WallClock;
  /**
   * Signs the SecurityTrax face's temporary tokens; servers sharing one must share it. Default: 32 random
   * bytes per app (a restart signs everyone out).
   */
  tokenSecret?: string | Buffer;
};

/** createApp({ store }): the whole simulator as one Hono app (node server, app.request, MSW). */
export function createApp(options: AppOptions): Hono {
  const { index, validators } = compiledSpec();
  const dirs = options.scenarios?.dirs;
  // Loaded on first use, not at start-up; it builds apps of its own with this function.
  const runScenario = (name: string) =>
    import('./scenarios/replay-scenario.ts').then((m) =>
      m.replayScenario(findScenarioByName(name, dirs), { dirs, createApp }),
    );
  const services = createServices({ ...options, runScenario });
  const stateOf = (sandbox: string) => services.runner.view(sandbox);
  const basicAuth = createBasicAuthenticator(services.findLogin);
  // The SecurityTrax and SOAP faces load on their first request: start-up under tsx pays per module.
  const lazy = lazyFaces({
    index,
    store: options.store,
    runner: services.runner,
    dealer: services.dealer,
    adc: services.adc,
    stateOf,
    wallClock: options.wallClock,
    tokenSecret: options.tokenSecret ?? randomBytes(32),
    log: options.log,
  });
  const handlers = {
    ...lazy.handlers,
    ...alarmComBillingRoutes(services.billing, stateOf),
    ...simRoutes(services.sim, { version: VERSION, startedAt: performance.now() }),
    ...scenarioRoutes(services.sim, services.scenarioDirs),
    ...specRoutes(),
  } as Handlers;
  const app = createPipeline({
    index,
    validators,
    handlers,
    // The integrator key alone (authenticate) is checked by the SecurityTrax face before this runs.
    authenticate: (scheme, sandbox, header) =>
      scheme === 'securityTraxToken'
        ? lazy.verifyToken(sandbox, header)
        : scheme === 'securityTraxIntegratorKey'
          ? { kind: 'none' }
          : basicAuth(scheme, sandbox, header),
    store: options.store,
    journal: services.journal,
    idempotency: { service: services.idempotency, renderers: { ...lazy.created, ...alarmComCreated } },
    strict: options.strict,
    trustProxy: options.trustProxy,
    onViolation: options.onViolation,
    log: options.log,
    extend: options.extend ? (hono) => options.extend!(hono, services) : undefined,
    guards: (hono) => mountGuards(hono, { cors: options.cors, hosts: options.hosts, adminToken: options.adminToken }),
    fallback: lazyConsole(services, options.log),
    faces: lazy.faces,
  });
  return app;
}

/**
 * The console (hono/jsx pages, src/console) is imported on its first request rather than at start-up,
 * where its modules cost ~70 ms of a 500 ms budget. It answers every path outside the API faces; what it
 * does not know is the API's route-not-found problem.
 */
function lazyConsole(services: Services, log: ((line: string) => void) | undefined): (c: Context) => Promise<Response> {
  let loaded: Promise<Hono> | undefined;
  const consoleApp = () =>
    (loaded ??= import('./console/index.tsx').then(({ mountConsole }) => {
      const pages = new HonoApp();
      mountConsole(pages, services, { log });
      pages.notFound(routeNotFound);
      pages.onError(
        onErrorHandler((err) =>
          log?.(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
        ),
      );
      return pages;
    }));
  return async (c) => (await consoleApp()).fetch(c.req.raw, c.env);
}
