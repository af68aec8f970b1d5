import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type AppOptions } from './app.ts';
import { seedState, type ScenarioSeeder } from './seeds/seed-state.ts';
import { jsonFilePersistence, memoryPersistence } from './store/persistence.ts';
import { createStore, type Store, type StoreOptions } from './store/sandbox-store.ts';
import { DEFAULT_SANDBOX } from './store/sandbox-name.ts';
import { generateAdminToken } from './http/guards/admin-token.ts';
import { isLoopbackHost } from './http/guards/host-guard.ts';

export type ServerOptions = {
  port?: number;
  host?: string;
  /** Folder for the JSON store; null keeps everything in memory. */
  dataDir?: string | null;
  /** fsync every log append (and snapshots before the log is cut). Default false: writes survive a crash
   *  of the process, not necessarily of the machine. */
  fsync?: boolean;
  /** Log size that triggers a background compaction (default: 4 MB or the snapshot's size, the larger). */
  compactAfterBytes?: number;
  /** Load this scenario's starting state into the default sandbox. */
  scenario?: string;
  scenarios?: ScenarioSeeder;
  /** More Host names to answer besides localhost, 127.0.0.1, [::1] and the bound address. */
  allowedHosts?: string[];
  /** Where the warning about a generated admin token goes (default: stderr). */
  warn?: (text: string) => void;
} & Omit<AppOptions, 'store' | 'scenarios' | 'hosts'>;

export type RunningServer = {
  url: string;
  port: number;
  store: Store;
  /** The admin token protecting /__sim and the console, if any (generated when bound beyond loopback). */
  adminToken?: string;
  close(): Promise<void>;
};

/** Bound beyond loopback without a token: one is generated, and said loudly (it is the only way in). */
export function adminTokenFor(host: string, given: string | undefined, warn: (text: string) => void): string | undefined {
  if (given || isLoopbackHost(host)) return given || undefined;
  const token = generateAdminToken();
  const bar = '!'.repeat(78);
  warn([
    bar,
    `!! trax-sim is listening on ${host}, beyond this machine: anyone who can reach it can use it.`,
    '!! The control API (/__sim) and the console now need this generated admin token:',
    `!!   ${token}`,
    '!! Send it as "Authorization: Bearer <token>" or "X-Admin-Token: <token>"; open the console once as',
    '!! /?token=<token>. Choose your own with --admin-token or TRAX_SIM_ADMIN_TOKEN.',
    bar,
  ].join('\n'));
  return token;
}

export async function openStore(dataDir: string | null | undefined, options: { fsync?: boolean; log?: (line: string) => void } & StoreOptions = {}): Promise<Store> {
  const { fsync, log, ...storeOptions } = options;
  const onError = (err: unknown) => log?.(`store: background compaction failed (the log is intact): ${err instanceof Error ? err.message : String(err)}`);
  return createStore(dataDir ? jsonFilePersistence(dataDir, { fsync }) : memoryPersistence(), { onError, ...storeOptions });
}

/** Starts the simulator: opens the store, makes sure the default sandbox exists, listens. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const envCompact = Number(process.env.TRAX_SIM_COMPACT_AFTER_BYTES ?? NaN);
  const store = await openStore(options.dataDir, {
    fsync: options.fsync ?? process.env.TRAX_SIM_FSYNC === '1',
    compactAfterBytes: options.compactAfterBytes ?? (Number.isFinite(envCompact) ? envCompact : undefined),
    log: options.log,
  });
  const { scenarios } = options;
  if (options.scenario) {
    const state = seedState(DEFAULT_SANDBOX, { kind: 'scenario', name: options.scenario }, scenarios);
    await (store.get(DEFAULT_SANDBOX) ? store.replace(state) : store.create(state));
  } else if (!store.get(DEFAULT_SANDBOX)) {
    await store.create(seedState(DEFAULT_SANDBOX, { kind: 'demo' }, scenarios));
  }
  const host = options.host ?? '127.0.0.1';
  const adminToken = adminTokenFor(host, options.adminToken ?? process.env.TRAX_SIM_ADMIN_TOKEN, options.warn ?? ((t) => console.error(t)));
  const hosts = { boundHost: host, allowedHosts: options.allowedHosts };
  const app = createApp({ ...options, store, scenarios, adminToken, hosts });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 4010, hostname: options.host ?? '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    store,
    adminToken,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open; the store is flushed below either way.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }).then(() => store.flush());
      return closed;
    },
  };
}
