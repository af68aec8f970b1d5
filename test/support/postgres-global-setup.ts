// Vitest global setup: one throw-away PostgreSQL server for the whole run (or the one named by
// $TRAX_SIM_TEST_DATABASE_URL). Tests reach it through test/support/postgres.ts.
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.TRAX_SIM_TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return () => {};
  }
  const server = await startTestPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.destroy();
}
