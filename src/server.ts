import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './create-app.ts';
import { problem, problemResponse } from './http/problem.ts';
import { seedState, type ScenarioSeeder } from './seeds/seed-state.ts';
import { DomainError } from './domain/errors.ts';
import type { SandboxDocument } from './domain/types.ts';
import { jsonFilePersistence, memoryPersistence } from './store/persistence.ts';
import { createStore } from './store/sandbox-store.ts';
import type { Store, StoreOptions } from './store/store.ts';
import { lockDataDir, type DataLock } from './store/data-lock.ts';
import { DEFAULT_SANDBOX } from './store/sandbox-name.ts';
import { generateAdminToken } from './http/guards/admin-token.ts';
import { isLoopbackHost } from './http/guards/host-guard.ts';
import { scenarioTexts } from './scenarios/catalog.ts';
import { scenarioCatalogFingerprint } from './store/postgres/deployment.ts';
import type { SharedStore } from './store/postgres/open-postgres.ts';

export type ServerOptions = {
  port?: number;
  host?: string;
  /** Folder for the JSON store; null keeps everything in memory. */
  dataDir?: string | null;
  /**
   * A postgres:// URL: every sandbox in that database, shared with every other instance given it (a team's
   * deployment). Wins over dataDir.
   */
  database?: string;
  /** With `database`: make this instance's admin token, quota and scenarios the deployment's (deployment.ts). */
  reconfigure?: boolean;
  /** fsync every log append (and snapshots before the log is cut). Default false: writes survive a crash
   *  of the process, not necessarily of the machine. */
  fsync?: boolean;
  /** Log size that triggers a background compaction (default: 4 MB or the snapshot's size, the larger). */
  compactAfterBytes?: number;
  /** Most sandboxes at once (default 100). */
  maxSandboxes?: number;
  /** A sandbox unused this long leaves memory and is loaded again on its next use (default 10 minutes). */
  idleAfterMs?: number;
  /** Load this scenario's starting state into the default sandbox. */
  scenario?: string;
  scenarios?: ScenarioSeeder;
  /** More Host names to answer besides localhost, 127.0.0.1, [::1] and the bound address. */
  allowedHosts?: string[];
  /** false: do not record the behaviours requests exercise (GET /__sim/coverage stays empty). */
  coverage?: false;
  /** Where the warning about a generated admin token goes (default: stderr). */
  warn?: (text: string) => void;
  /** A client must have sent a request's headers this long after it began (default 10 s), else 408 and closed. */
  headersTimeoutMs?: number;
  /** ... and its whole request, body included (default 30 s), else 408 and closed. */
  requestTimeoutMs?: number;
} & Omit<AppOptions, 'store' | 'scenarios' | 'hosts'>;

const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Node's own request timeouts (a body dripped byte by byte must not hold a socket for ever). They are
 * checked every connectionsCheckingInterval: a tenth of the shorter one, so they hold to about 10%.
 */
function timeoutOptions(options: ServerOptions) {
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const headersTimeout = Math.min(options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS, requestTimeout);
  return {
    headersTimeout,
    requestTimeout,
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(headersTimeout / 10))),
  };
}

export type RunningServer = {
  url: string;
  port: number;
  store: Store;
  /** The admin token protecting /__sim and the console, if any (generated when bound beyond loopback). */
  adminToken?: string;
  close(): Promise<void>;
};

/** Bound beyond loopback without a token: one is generated, and said loudly (it is the only way in). */
function adminTokenFor(host: string, given: string | undefined, warn: (text: string) => void): string | undefined {
  if (given || isLoopbackHost(host)) return given || undefined;
  const token = generateAdminToken();
  const bar = '!'.repeat(78);
  warn(
    [
      bar,
      `!! trax-sim is listening on ${host}, beyond this machine: anyone who can reach it can use it.`,
      '!! The control API (/__sim) and the console now need this generated admin token:',
      `!!   ${token}`,
      '!! Send it as "Authorization: Bearer <token>" or "X-Admin-Token: <token>"; open the console once as',
      '!! /?token=<token>. Choose your own with --admin-token or TRAX_SIM_ADMIN_TOKEN.',
      bar,
    ].join('\n'),
  );
  return token;
}

export async function openStore(
  dataDir: string | null | undefined,
  options: { fsync?: boolean; log?: (line: string) => void } & StoreOptions = {},
): Promise<Store> {
  const { fsync, log, ...storeOptions } = options;
  const onError = (err: unknown) =>
    log?.(
      `store: background compaction failed (the log is intact): ${err instanceof Error ? err.message : String(err)}`,
    );
  return createStore(dataDir ? jsonFilePersistence(dataDir, { fsync }) : memoryPersistence(), {
    onError,
    ...storeOptions,
  });
}

/** The port could not be bound: one line for the CLI, no stack trace. */
class PortInUse extends Error {}

/**
 * Starts the simulator: binds the port first (a busy port must not touch the data folder), then locks
 * the data folder, opens the store and makes sure the default sandbox exists. Requests that arrive
 * meanwhile wait for the store.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const adminToken = adminTokenFor(
    host,
    options.adminToken ?? process.env.TRAX_SIM_ADMIN_TOKEN,
    options.warn ?? ((t) => console.error(t)),
  );
  const wanted = options.port ?? 4010;
  type Fetch = (req: Request, env?: unknown) => Response | Promise<Response>;
  let ready!: (fetch: Fetch) => void;
  const appFetch = new Promise<Fetch>((resolve) => (ready = resolve));
  let fetchNow: Fetch | undefined;
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve(
      {
        fetch: (req: Request, env: unknown) => (fetchNow ? fetchNow(req, env) : appFetch.then((f) => f(req, env))),
        port: wanted,
        hostname: host,
        serverOptions: timeoutOptions(options),
      },
      () => {
        s.off('error', onError);
        resolve(s);
      },
    );
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE')
        reject(
          new PortInUse(
            `port ${wanted} on ${host} is in use (by another trax-sim or another program); stop it or choose another with --port`,
          ),
        );
      else if (err.code === 'EACCES')
        reject(
          new PortInUse(`port ${wanted} on ${host} cannot be bound without privileges; choose another with --port`),
        );
      else reject(err);
    };
    s.once('error', onError);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets would hold close() open; the store is flushed afterwards either way.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    });

  let lock: DataLock | undefined;
  let store: Store;
  let shared: SharedStore | undefined;
  try {
    const envCompact = Number(process.env.TRAX_SIM_COMPACT_AFTER_BYTES ?? NaN);
    const storeOptions = {
      compactAfterBytes: options.compactAfterBytes ?? (Number.isFinite(envCompact) ? envCompact : undefined),
      maxSandboxes: options.maxSandboxes,
      idleAfterMs: options.idleAfterMs,
      log: options.log,
    };
    if (options.database) {
      const wish = {
        adminToken,
        maxSandboxes: options.maxSandboxes,
        scenarios: scenarioCatalogFingerprint(scenarioTexts(options.scenarios?.dirs)),
        reconfigure: options.reconfigure,
      };
      // Loaded only for a shared deployment: the embedded default starts without the PostgreSQL client.
      const { openPostgres } = await import('./store/postgres/open-postgres.ts');
      shared = await openPostgres(options.database, { ...storeOptions, wish });
      store = shared.store;
    } else {
      lock = options.dataDir ? lockDataDir(options.dataDir, { url }) : undefined;
      store = await openStore(options.dataDir, {
        ...storeOptions,
        fsync: options.fsync ?? process.env.TRAX_SIM_FSYNC === '1',
      });
    }
    await ensureDefaultSandbox(store, options);
  } catch (err) {
    // Anyone who got in meanwhile is told, not left hanging.
    ready(() =>
      problemResponse(
        problem(
          503,
          'server-not-started',
          'Server not started',
          'The simulator could not open its store and is stopping.',
        ),
      ),
    );
    await closeServer();
    lock?.release();
    await shared?.close();
    throw err;
  }
  const app = createApp({
    ...options,
    store,
    ...(shared ? { journal: shared.journal, tokenSecret: shared.tokenSecret } : {}),
    coverage: options.coverage ?? shared?.coverage,
    scenarios: options.scenarios,
    adminToken,
    hosts: { boundHost: host, allowedHosts: options.allowedHosts },
  });
  fetchNow = app.fetch as Fetch;
  ready(fetchNow);
  let closed: Promise<void> | undefined;
  return {
    url,
    port,
    store,
    adminToken,
    close() {
      closed ??= closeServer()
        .then(() => (shared ? shared.close() : store.close()))
        .finally(() => lock?.release());
      return closed;
    },
  };
}

/**
 * The default sandbox exists after start-up: the demo, or `scenario`'s state (which replaces it). Instances of
 * a shared deployment starting at once may both create it: the second finds it made.
 */
async function ensureDefaultSandbox(store: Store, options: ServerOptions): Promise<void> {
  const { scenarios } = options;
  const hasDefault = (await store.names()).includes(DEFAULT_SANDBOX);
  if (options.scenario) {
    const doc = seedState(DEFAULT_SANDBOX, { kind: 'scenario', name: options.scenario }, scenarios);
    if (!hasDefault) return createUnlessMade(store, doc);
    await store.sync(DEFAULT_SANDBOX);
    await store.exclusive(DEFAULT_SANDBOX, () => store.replace(doc));
  } else if (!hasDefault) {
    await createUnlessMade(store, seedState(DEFAULT_SANDBOX, { kind: 'demo' }, scenarios));
  }
}

async function createUnlessMade(store: Store, doc: SandboxDocument): Promise<void> {
  await store.create(doc).catch((err: unknown) => {
    if (!(err instanceof DomainError && err.code === 'sandbox-exists')) throw err;
  });
}
