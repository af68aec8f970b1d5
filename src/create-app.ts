import { randomBytes } from 'node:crypto';
import { type Context, type Hono, Hono as HonoApp } from 'hono';
import { createBasicAuthenticator } from './http/basic-auth.ts';
import { compiledSpec } from './http/compiled-spec.ts';
import { createFaces } from './http/faces/index.ts';
import type { WallClock } from './http/faces/securitytrax/tokens.ts';
import { type GuardOptions, mountGuards } from './http/guards/index.ts';
import { createPipeline, routeNotFound } from './http/pipeline.ts';
import { onErrorHandler } from './http/problem.ts';
import type { ResponseViolation } from './http/response-validation.ts';
import type { Sleep } from './services/alarm-com-web-services.ts';
import type { IdSource } from './services/command-runner.ts';
import type { CoverageTally } from './store/coverage.ts';
import type { Journal } from './store/journal.ts';
import type { ScenarioLibrary } from './services/scenario-library.ts';
import { createServices, type Services } from './services/services.ts';
import type { Store } from './store/store.ts';
import { VERSION } from './version.ts';

export type AppOptions = {
  store: Store;
  strict?: boolean;
  onViolation?: (v: ResponseViolation) => void;
  log?: (line: string) => void;
  journal?: Journal;
  /** Where the behaviours requests exercise are counted (default: in memory); false: not recorded. */
  coverage?: CoverageTally | false;
  sleep?: Sleep;
  idSource?: IdSource;
  /** The scenario folders (seeding, listing, replaying): src/scenarios builds it with loadScenarioSeeder. */
  scenarios?: ScenarioLibrary;
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
  const services = createServices({ ...options, coverage: options.coverage || undefined });
  const basicAuth = createBasicAuthenticator(services.findLogin);
  return createPipeline({
    index,
    validators,
    faces: createFaces({
      services,
      health: { version: VERSION, startedAt: performance.now() },
      wallClock: options.wallClock,
      tokenSecret: options.tokenSecret ?? randomBytes(32),
      log: options.log,
    }),
    authenticate: basicAuth,
    sandboxes: services.sandboxes,
    journal: services.journal,
    coverage: options.coverage === false ? undefined : services.coverage,
    idempotency: services.idempotency,
    strict: options.strict,
    trustProxy: options.trustProxy,
    onViolation: options.onViolation,
    log: options.log,
    extend: options.extend ? (hono) => options.extend!(hono, services) : undefined,
    guards: (hono) => mountGuards(hono, { cors: options.cors, hosts: options.hosts, adminToken: options.adminToken }),
    fallback: lazyConsole(services, options.log),
  });
}

/**
 * The console (hono/jsx pages, src/console) is imported on its first request rather than at start-up,
 * where its modules would add to the time to a first answer. It answers every path outside the API faces; what it
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
