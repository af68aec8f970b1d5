// Provider states for Pact verification against trax-sim: every provider state is the name of a
// scenario in scenarios/. Its handler creates a fresh sandbox `pact-<n>` from the scenario's `given`
// (POST /__sim/sandboxes { name, scenario }); the request filter sends the interaction's request with
// `X-Sandbox: pact-<n>`, and the sandbox is deleted at teardown. A state that is not a scenario has no
// handler: the interaction's request is answered with an error instead of reaching the provider, so
// verification fails and says why (there is deliberately no catch-all handler).
//
// Optional state parameters (Pact `given(name, params)`):
//   advanceTo: ISO instant or date  -> POST /__sim/clock/advance { to }   (virtual clock after loading)
//   advanceBy: ISO 8601 duration    -> POST /__sim/clock/advance { by }
import type { VerifierOptions } from '@pact-foundation/pact';
import { mergeCoverage } from '../../src/coverage-reports/merge-coverage.ts';
import { readCoverage, type CoverageReport } from '../../src/coverage-reports/read-coverage.ts';
import { listScenarios } from '../../src/scenarios/catalog.ts';

export const STATE_SETUP_PATH = '/_pactSetup';
const PARAMS = ['advanceTo', 'advanceBy'] as const;

const NO_STATE =
  'the interaction has no provider state: every interaction must name a scenario (scenarios/<name>.yaml)';

type StateHandlers = NonNullable<VerifierOptions['stateHandlers']>;
// The verifier's proxy is an express app; only these members of its request/response are used.
type FilterRequest = { path: string; body?: unknown; headers: Record<string, string | string[] | undefined> };
type FilterResponse = {
  status(code: number): FilterResponse;
  type(contentType: string): FilterResponse;
  send(body: string): unknown;
};
export type RequestFilter = (req: FilterRequest, res: FilterResponse, next: (err?: unknown) => void) => void;

export type ScenarioStatesOptions = {
  /** Where the simulator's /__sim control API is (usually the provider base URL). */
  simulatorUrl: string;
  /** Scenario names to register (default: every file in scenarios/). */
  scenarios?: string[];
  /** Sandbox names are `<prefix>-<n>` (default `pact`). */
  prefix?: string;
};

export type ScenarioStates = {
  stateHandlers: StateHandlers;
  requestFilter: RequestFilter;
  /** Names of the scenarios that have a handler. */
  names: string[];
  /** Sandboxes created so far (all deleted again after their interaction). */
  created: string[];
  /** What the interactions verified so far exercised (each sandbox's coverage, read before it is deleted);
   *  null before the first teardown, or when the simulator does not report coverage. */
  coverage(): CoverageReport | null;
};

export function scenarioProviderStates(options: ScenarioStatesOptions): ScenarioStates {
  const base = options.simulatorUrl.replace(/\/+$/, '');
  const prefix = options.prefix ?? 'pact';
  const names = options.scenarios ?? listScenarios().map((s) => s.name);
  const created: string[] = [];
  let counter = 0;
  let current: string | null = null; // the sandbox of the interaction being verified
  let problem: string | null = null; // why that interaction cannot be verified
  let covered: CoverageReport | null = null;
  // Deleting a sandbox ends its coverage: read it first. A simulator without coverage leaves it null.
  const collect = async (sandbox: string) => {
    const report = await readCoverage({ url: base, scope: { sandbox } }).catch(() => null);
    if (report) covered = covered ? mergeCoverage(covered, report) : report;
  };

  const sim = async (method: string, path: string, body?: unknown, sandbox?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (sandbox) headers['x-sandbox'] = sandbox;
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  };

  const stateHandlers: StateHandlers = {};
  for (const scenario of names) {
    stateHandlers[scenario] = async (params?: unknown) => {
      try {
        if (current)
          throw new Error(`the interaction has more than one provider state; give exactly one scenario name`);
        const p = (params ?? {}) as Record<string, unknown>;
        const unknown = Object.keys(p).filter((k) => !(PARAMS as readonly string[]).includes(k));
        if (unknown.length)
          throw new Error(`unknown parameter(s) ${unknown.join(', ')} (supported: ${PARAMS.join(', ')})`);
        const sandbox = `${prefix}-${++counter}`;
        // A sandbox left behind by an interrupted run against a long-lived simulator is replaced.
        await sim('POST', '/__sim/sandboxes', { name: sandbox, scenario }).catch(async (err: Error) => {
          if (!/ answered 409:/.test(err.message)) throw err;
          await sim('DELETE', `/__sim/sandboxes/${sandbox}`);
          await sim('POST', '/__sim/sandboxes', { name: sandbox, scenario });
        });
        created.push(sandbox);
        current = sandbox;
        if (typeof p.advanceTo === 'string') await sim('POST', '/__sim/clock/advance', { to: p.advanceTo }, sandbox);
        if (typeof p.advanceBy === 'string') await sim('POST', '/__sim/clock/advance', { by: p.advanceBy }, sandbox);
        return { sandbox };
      } catch (err) {
        problem ??= `provider state "${scenario}" could not be set up: ${(err as Error).message}`;
        throw err;
      }
    };
  }

  const requestFilter: RequestFilter = (req, res, next) => {
    if (req.path === STATE_SETUP_PATH) {
      const body = (req.body ?? {}) as { state?: string; action?: string };
      // The verifier calls setup with an empty state name for an interaction that has none.
      if (body.action === 'setup' && !body.state) problem ??= NO_STATE;
      else if (body.action === 'setup' && !Object.hasOwn(stateHandlers, body.state!)) {
        problem ??= `no state handler for provider state "${body.state}": provider states must be scenario names (${names.join(', ')})`;
      }
      if (body.action !== 'teardown') return next();
      // Teardown: forget the interaction and drop its sandbox (whatever its state was).
      const sandbox = current;
      current = null;
      problem = null;
      if (!sandbox) return next();
      collect(sandbox)
        .then(() => sim('DELETE', `/__sim/sandboxes/${sandbox}`))
        .then(() => next(), next);
      return;
    }
    if (problem || !current) {
      const detail = problem ?? NO_STATE;
      res
        .status(500)
        .type('application/problem+json')
        .send(JSON.stringify({ type: 'about:blank', title: 'Provider state not set up', status: 500, detail }));
      return;
    }
    req.headers['x-sandbox'] = current;
    next();
  };

  return { stateHandlers, requestFilter, names, created, coverage: () => covered };
}
