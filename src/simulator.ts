import { readCoverage, type CoverageReport, type CoverageScope } from './coverage-reports/read-coverage.ts';
import { scenarioFolders } from './scenarios/scenario-folders.ts';
import { loadScenarioSeeder } from './scenarios/scenario-seeder.ts';
import { startServer } from './server.ts';

export type SimulatorOptions = {
  /** Seed the `default` sandbox from this scenario (by name) instead of the demo data. */
  scenario?: string;
  /** Your own scenario folders (like `--scenarios DIR`), searched before the bundled scenarios. */
  scenarios?: string[];
  /** Default 0: a free port (read it back from `url`). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Keep the sandboxes in this folder; default: in memory, gone at close(). */
  dataDir?: string;
  /** Keep the sandboxes in this PostgreSQL database (postgres://…), shared with every simulator given it. */
  database?: string;
  /** Check every response against the spec; a mismatch becomes a 500 problem (default false). */
  strict?: boolean;
  /** Where log lines go (default: nowhere). */
  log?: (line: string) => void;
};

export type Simulator = {
  /** e.g. http://127.0.0.1:39123: the API faces, /__sim and the console. */
  url: string;
  port: number;
  /**
   * Which behaviours of the billing integration the requests so far exercised (GET /__sim/coverage): of the
   * sandbox `default` (or `{ sandbox }`), of the sandboxes created with a tag (`{ tag }`), or of all of them
   * (`{ all: true }`). Rejects with a CoverageReadError carrying the server's problem (e.g. an unknown tag: 404).
   */
  coverage(scope?: CoverageScope): Promise<CoverageReport>;
  /** Stops listening and flushes the store; safe to call twice. */
  close(): Promise<void>;
};

/** Starts a simulator in this process, for a test runner's global setup or a test file's beforeAll. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const { scenarios, dataDir, port = 0, ...rest } = options;
  const server = await startServer({
    ...rest,
    port,
    dataDir: dataDir ?? null,
    scenarios: loadScenarioSeeder(scenarioFolders(scenarios)),
  });
  return {
    url: server.url,
    port: server.port,
    coverage: (scope) => readCoverage({ url: server.url, scope, adminToken: server.adminToken }),
    close: () => server.close(),
  };
}
