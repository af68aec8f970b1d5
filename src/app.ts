import { Hono as HonoApp, type Context, type Hono } from 'hono';
import { createHttpApp, routeNotFound } from './http/app.ts';
import { mountGuards, type GuardOptions } from './http/guards/index.ts';
import { onErrorHandler } from './http/problem.ts';
import { createJournal, type Journal } from './http/journal.ts';
import { indexSpec, loadSpec, type OpenApiIndex } from './http/openapi-index.ts';
import type { Handlers } from './http/operation.ts';
import type { ResponseViolation } from './http/response-validation.ts';
import { alarmComBillingRoutes } from './http/routes/alarm-com-routes.ts';
import { scenarioRoutes } from './http/routes/scenario-routes.ts';
import { lazyFaces } from './http/faces/lazy-faces.ts';
import type { WallClock } from './http/faces/securitytrax/tokens.ts';
import { simRoutes } from './http/routes/sim-routes.ts';
import { specRoutes } from './http/routes/spec-routes.ts';
import { createValidators, type Validators } from './http/validator.ts';
import type { ScenarioSeeder } from './seeds/seed-state.ts';
import { createAlarmComWebServices, type Sleep } from './services/alarm-com-web-services.ts';
import { createAuthenticator } from './services/authenticate.ts';
import { createBillingService } from './services/billing-service.ts';
import { createCommandRunner, type IdSource } from './services/command-runner.ts';
import { createDealerService } from './services/dealer-service.ts';
import { createSimService } from './services/sim-service.ts';
import type { Store } from './store/sandbox-store.ts';
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
  /** Wall clock (ms) for SecurityTrax token expiry; tests inject one and move it. Default Date.now. */
  wallClock?: WallClock;
};

export type Services = ReturnType<typeof createServices>;

// The spec is parsed and its validators compiled once per process, whatever the number of apps.
let compiled: { index: OpenApiIndex; validators: Validators } | undefined;
export function compiledSpec() {
  if (!compiled) {
    const index = indexSpec(loadSpec());
    compiled = { index, validators: createValidators(index) };
  }
  return compiled;
}

export function createServices(options: AppOptions) {
  const { store } = options;
  const journal = options.journal ?? createJournal();
  const runner = createCommandRunner({ store, idSource: options.idSource });
  const adc = createAlarmComWebServices({ runner, sleep: options.sleep });
  return {
    store,
    journal,
    runner,
    adc,
    dealer: createDealerService({ runner, adc }),
    billing: createBillingService({ runner }),
    sim: createSimService({ store, runner, journal, scenarios: options.scenarios }),
    scenarioDirs: options.scenarios?.dirs,
  };
}

/** createApp({ store }): the whole simulator as one Hono app (node server, app.request, MSW). */
export function createApp(options: AppOptions): Hono {
  const { index, validators } = compiledSpec();
  const services = createServices(options);
  const stateOf = (sandbox: string) => services.runner.read(sandbox);
  const basicAuth = createAuthenticator(options.store);
  // The SecurityTrax and SOAP faces load on their first request: start-up under tsx pays per module.
  const lazy = lazyFaces({ index, store: options.store, runner: services.runner, dealer: services.dealer, adc: services.adc, stateOf, wallClock: options.wallClock, log: options.log });
  const handlers = {
    ...lazy.handlers,
    ...alarmComBillingRoutes(services.billing, stateOf),
    ...simRoutes(services.sim, { version: VERSION, startedAt: performance.now() }),
    ...scenarioRoutes(services.sim, services.scenarioDirs),
    ...specRoutes(),
  } as Handlers;
  const app = createHttpApp({
    index,
    validators,
    handlers,
    // The integrator key alone (authenticate) is checked by the SecurityTrax face before this runs.
    authenticate: (scheme, sandbox, header) =>
      scheme === 'securityTraxToken' ? lazy.verifyToken(sandbox, header) : scheme === 'securityTraxIntegratorKey' ? { kind: 'none' } : basicAuth(scheme, sandbox, header),
    store: options.store,
    journal: services.journal,
    strict: options.strict,
    onViolation: options.onViolation,
    log: options.log,
    extend: options.extend ? (hono) => options.extend!(hono, services) : undefined,
    guards: (hono) => mountGuards(hono, { cors: options.cors, hosts: options.hosts, adminToken: options.adminToken }),
    fallback: lazyConsole(services, options.log),
    faces: lazy.faces,
  });
  return app as unknown as Hono;
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
      pages.onError(onErrorHandler((err) => log?.(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)));
      return pages;
    }));
  return async (c) => (await consoleApp()).fetch(c.req.raw, c.env);
}
