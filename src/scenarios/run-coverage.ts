// What a scenario run exercised, read from its own simulator (GET /__sim/coverage of its sandbox) before the
// simulator is thrown away, and how the CLI and the suite print it.
import { coverageCount } from '../http/coverage-report.ts';
import type { components } from '../generated/openapi.ts';
import { CATALOGUE } from '../http/coverage-catalogue.ts';
import type { ScenarioReport } from './scenario-types.ts';

export type RunCoverage = NonNullable<ScenarioReport['coverage']>;
type Coverage = components['schemas']['Coverage'];

/** The run's coverage in short: the behaviours and operation x statuses exercised, and the counts. */
export function runCoverageOf(report: Coverage): RunCoverage {
  return {
    behaviours: report.behaviours.filter((b) => b.count > 0).map((b) => b.id),
    operations: report.operations.filter((o) => o.count > 0).map((o) => `${o.operationId} ${o.status}`),
    summary: report.summary,
  };
}

/** Several runs together: what any of them exercised (the totals are the catalogue's and the spec's). */
export function mergeRunCoverage(runs: readonly RunCoverage[]): RunCoverage | undefined {
  const [first] = runs;
  if (!first) return undefined;
  const seen = new Set(runs.flatMap((r) => r.behaviours));
  // In the catalogue's order, as each run lists them.
  const behaviours = CATALOGUE.map((b) => b.id).filter((id) => seen.has(id));
  const operations = [...new Set(runs.flatMap((r) => r.operations))];
  return {
    behaviours,
    operations,
    summary: {
      behaviours: coverageCount(first.summary.behaviours.total, behaviours.length),
      operations: coverageCount(first.summary.operations.total, operations.length),
    },
  };
}

/** "Coverage: 23 of 140 behaviours (16.4%), 40 of 310 operation x status (12.9%): id, id, ..." */
export function coverageLine(c: RunCoverage): string {
  const { behaviours: b, operations: o } = c.summary;
  const head = `Coverage: ${b.covered} of ${b.total} behaviours (${b.percent}%), ${o.covered} of ${o.total} operation x status (${o.percent}%)`;
  return c.behaviours.length ? `${head}: ${c.behaviours.join(', ')}` : head;
}
