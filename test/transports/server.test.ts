// Transport (c): a real HTTP server (startServer on a free port) and the global fetch.
import { startServer } from '../../src/server.ts';
import { loadScenarioSeeder } from '../../src/scenarios/scenario-seeder.ts';
import { recordViolation } from '../support/violations.ts';
import { runBehaviourSuite } from './behaviour-cases.ts';

runBehaviourSuite({
  name: 'a listening server',
  async setup() {
    const server = await startServer({
      port: 0,
      dataDir: null,
      scenarios: loadScenarioSeeder(),
      strict: true,
      onViolation: recordViolation,
    });
    return { baseUrl: server.url, fetch: (input, init) => fetch(input, init), close: () => server.close() };
  },
});
