// Starting an instance of a shared deployment: a wrong or unreachable database is one line and exit 1 with
// nothing written; a database of a newer schema is refused, naming the versions; during a rolling upgrade an
// instance already running keeps serving when a newer one migrates (our migrations only add); instances
// started with another admin token, quota or scenario files refuse to start unless --reconfigure.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/postgres/migrations.ts';
import { openPostgres } from '../../src/store/postgres/open-postgres.ts';
import { runCli, startInstance } from '../support/instance.ts';
import { freshDatabase, postgresUrl } from '../support/postgres.ts';

const tables = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
};

describe('starting an instance of a shared deployment', () => {
  it('an unreachable or wrong database is one line naming it, exit 1, nothing written', async () => {
    const unreachable = await runCli([
      'serve',
      '--database',
      'postgres://trax:secret@127.0.0.1:1/nowhere',
      '--port',
      '0',
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    expect(unreachable.stderr).toMatch(/^trax-sim: cannot reach PostgreSQL at 127\.0\.0\.1:1\/nowhere: /);
    expect(unreachable.stderr).not.toContain('secret');
    const url = new URL(postgresUrl());
    url.pathname = '/no_such_database';
    const missing = await runCli(['serve', '--database', url.toString(), '--port', '0']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^trax-sim: cannot reach PostgreSQL at .*no_such_database: .*does not exist/);
    const notAUrl = await runCli(['serve', '--database', 'mysql://x/y', '--port', '0']);
    expect(notAUrl.code).toBe(1);
    expect(notAUrl.stderr).toMatch(/^trax-sim: --database takes a postgres:\/\/ URL/);
    const both = await runCli(['serve', '--database', 'postgres://x/y', '--memory']);
    expect(both.code).toBe(2);
  }, 60_000);

  it('a database of a newer schema is refused, naming both versions; nothing written', async () => {
    const database = await freshDatabase();
    const newer = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, name: 'a later build', sql: 'CREATE TABLE later (sandbox text PRIMARY KEY)' },
    ];
    await (await openPostgres(database, { migrations: newer })).close();
    const before = await tables(database);
    const refused = await runCli(['serve', '--database', database, '--port', '0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `schema is version ${SCHEMA_VERSION + 1}, newer than this trax-sim knows (${SCHEMA_VERSION})`,
    );
    expect(await tables(database)).toBe(before);
  }, 60_000);

  it('a rolling upgrade: a running instance keeps serving while a newer one migrates the schema', async () => {
    const database = await freshDatabase();
    const old = await startInstance(database);
    try {
      const newer = [
        ...MIGRATIONS,
        { version: SCHEMA_VERSION + 1, name: 'a later build', sql: 'ALTER TABLE sandboxes ADD COLUMN note text' },
      ];
      const upgraded = await openPostgres(database, { migrations: newer });
      await upgraded.store.sync('default');
      expect(upgraded.store.get('default')).toBeDefined();
      await upgraded.close();
      const res = await fetch(`${old.url}/__sim/settings`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ roleCacheMinutes: 3 }),
      });
      expect(res.status).toBe(200);
      expect(
        ((await (await fetch(`${old.url}/__sim/health`)).json()) as { store: { schemaVersion: number } }).store
          .schemaVersion,
      ).toBe(SCHEMA_VERSION);
    } finally {
      await old.kill('SIGTERM');
    }
  }, 60_000);

  it('instances of one database agree on the admin token, quota and scenarios, or refuse to start', async () => {
    const database = await freshDatabase();
    const first = await startInstance(database, ['--admin-token', 'first-token-123', '--max-sandboxes', '5']);
    try {
      const other = await runCli(['serve', '--database', database, '--port', '0', '--admin-token', 'other-token-456']);
      expect(other.code).toBe(1);
      expect(other.stderr).toContain('the admin token');
      const none = await runCli([
        'serve',
        '--database',
        database,
        '--port',
        '0',
        '--max-sandboxes',
        '9',
        '--admin-token',
        'first-token-123',
      ]);
      expect(none.code).toBe(1);
      expect(none.stderr).toContain('the sandbox quota');
      // The same token, the quota adopted from the database: it starts, and behaves as the first.
      const second = await startInstance(database, ['--admin-token', 'first-token-123']);
      try {
        for (const at of [first, second]) {
          expect((await fetch(`${at.url}/__sim/sandboxes`)).status).toBe(401);
          const ok = await fetch(`${at.url}/__sim/sandboxes`, { headers: { authorization: 'Bearer first-token-123' } });
          expect(ok.status).toBe(200);
        }
        const made: number[] = [];
        for (let i = 0; i < 5; i++) {
          const res = await fetch(`${[first, second][i % 2]!.url}/__sim/sandboxes`, {
            method: 'POST',
            headers: { authorization: 'Bearer first-token-123', 'content-type': 'application/json' },
            body: JSON.stringify({ name: `q${i}`, seed: 'empty' }),
          });
          made.push(res.status);
        }
        // The default sandbox and four more: the fifth is one too many, on whichever instance.
        expect(made).toEqual([201, 201, 201, 201, 409]);
      } finally {
        await second.kill('SIGTERM');
      }
    } finally {
      await first.kill('SIGTERM');
    }
  }, 90_000);
});
