// The database's schema, as versioned migrations applied in order at start-up. Every table holding a
// sandbox's data has a primary key that starts with the sandbox's name, so the schema can be distributed by
// sandbox (Citus: `sandbox` as the distribution column) without a change; `trax_schema` and `trax_settings`
// are small tables every instance reads (reference tables there).
import type { PoolClient } from 'pg';

export type Migration = { version: number; name: string; sql: string };

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sandboxes, their snapshots and logs, the journal, deployment settings',
    sql: `
      CREATE TABLE trax_settings (key text PRIMARY KEY, value text NOT NULL);
      CREATE TABLE sandboxes (
        sandbox text PRIMARY KEY,
        incarnation text NOT NULL,
        seq bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE sandbox_snapshots (
        sandbox text PRIMARY KEY REFERENCES sandboxes ON DELETE CASCADE,
        seq bigint NOT NULL,
        body text NOT NULL
      );
      CREATE TABLE sandbox_log (
        sandbox text NOT NULL REFERENCES sandboxes ON DELETE CASCADE,
        seq bigint NOT NULL,
        patch text NOT NULL,
        PRIMARY KEY (sandbox, seq)
      );
      CREATE TABLE sandbox_journal (
        sandbox text NOT NULL,
        id bigserial NOT NULL,
        entry text NOT NULL,
        PRIMARY KEY (sandbox, id)
      );
    `,
  },
  {
    version: 2,
    name: 'behaviour coverage per sandbox',
    sql: `
      CREATE TABLE sandbox_coverage (
        sandbox text NOT NULL REFERENCES sandboxes ON DELETE CASCADE,
        key text NOT NULL,
        count bigint NOT NULL,
        first text NOT NULL,
        PRIMARY KEY (sandbox, key)
      );
    `,
  },
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

/** Key of the advisory lock that serialises migrations between instances starting at once. */
const MIGRATION_LOCK = 1_952_000_001;

class SchemaTooNew extends Error {}

/**
 * Brings the database to the newest schema of `migrations`, under a lock (two instances starting at once
 * apply each migration once). A database of a newer schema than this build knows is refused: this instance
 * would misread it.
 */
export async function migrate(client: PoolClient, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  const known = migrations.reduce((v, m) => Math.max(v, m.version), 0);
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS trax_schema (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT coalesce(max(version), 0) AS version FROM trax_schema',
    );
    const current = rows[0]!.version;
    if (current > known)
      throw new SchemaTooNew(
        `the database's schema is version ${current}, newer than this trax-sim knows (${known}); run a newer trax-sim`,
      );
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO trax_schema (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return Math.max(current, known);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
