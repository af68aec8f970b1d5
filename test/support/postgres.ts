// The suite's PostgreSQL (started by postgres-global-setup.ts): a fresh, empty database per caller, so tests
// never see each other's sandboxes.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** The server's admin URL (its `postgres` database). */
export const postgresUrl = (): string => inject('postgresUrl');

/** A new empty database on the suite's server; its URL. */
export async function freshDatabase(): Promise<string> {
  const admin = postgresUrl();
  const name = `trax_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
