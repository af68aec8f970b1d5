// Opens a shared deployment's store: connects, brings the schema up to date under a lock, agrees on the
// deployment's settings with the other instances, and hands back the store, its journal and the token secret.
import pg from 'pg';
import type { StoreOptions, Store } from '../store.ts';
import { describeDatabase } from './database-url.ts';
import { agreeOnDeployment, type DeploymentWish } from './deployment.ts';
import { MIGRATIONS, migrate, type Migration } from './migrations.ts';
import { createPostgresCoverage, type PostgresCoverage } from './postgres-coverage.ts';
import { createPostgresJournal, type PostgresJournal } from './postgres-journal.ts';
import { createPostgresStore } from './postgres-store.ts';

export type SharedStore = {
  store: Store;
  journal: PostgresJournal;
  coverage: PostgresCoverage;
  /** Signs temporary SecurityTrax tokens: the same on every instance of the database. */
  tokenSecret: Buffer;
  /** The schema version the database is at. */
  schemaVersion: number;
  /** Where it is, without the password (for health and logs). */
  where: string;
  close(): Promise<void>;
};

export type OpenPostgresOptions = StoreOptions & {
  /** What this instance serves with (checked against the other instances'); absent for a tool or a test. */
  wish?: DeploymentWish;
  log?: (line: string) => void;
  /** The schema this instance applies (tests play an older or newer instance with it). */
  migrations?: readonly Migration[];
  /** Connections per instance (default 10). */
  poolSize?: number;
};

/** The database could not be used at start-up: one line for the CLI. */
class DatabaseUnusable extends Error {}

export async function openPostgres(url: string, options: OpenPostgresOptions): Promise<SharedStore> {
  const where = describeDatabase(url);
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new DatabaseUnusable(
      `--database takes a postgres:// URL (postgres://user:password@host:5432/db), got ${where}`,
    );
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'trax-sim',
  });
  // An idle connection dropped by a restarting server must not take the process down; the next use reconnects.
  pool.on('error', (err) => options.log?.(`database connection lost: ${err.message}`));
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new DatabaseUnusable(`cannot reach PostgreSQL at ${where}: ${(err as Error).message}`);
  }
  let schemaVersion: number;
  let deployment: Awaited<ReturnType<typeof agreeOnDeployment>>;
  try {
    schemaVersion = await migrate(client, options.migrations ?? MIGRATIONS);
    deployment = await agreeOnDeployment(client, options.wish);
  } catch (err) {
    client.release();
    await pool.end().catch(() => undefined);
    throw new DatabaseUnusable(`PostgreSQL at ${where}: ${(err as Error).message}`);
  }
  client.release();
  const store = createPostgresStore({
    ...options,
    pool,
    schemaVersion,
    where,
    maxSandboxes: options.wish?.maxSandboxes ?? deployment.maxSandboxes ?? options.maxSandboxes,
  });
  const journal = createPostgresJournal(pool, (err) =>
    options.log?.(`journal entries lost (the database did not answer): ${(err as Error).message}`),
  );
  const coverage = createPostgresCoverage(pool, (err) =>
    options.log?.(`coverage counts lost (the database did not answer): ${(err as Error).message}`),
  );
  return {
    store,
    journal,
    coverage,
    tokenSecret: deployment.tokenSecret,
    schemaVersion,
    where,
    async close() {
      await journal.close();
      await coverage.close();
      await store.close();
    },
  };
}
