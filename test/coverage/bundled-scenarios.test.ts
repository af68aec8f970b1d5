// The project uses behaviour coverage on itself: every entry of the catalogue is exercised by the bundled
// scenario it names (the console links an uncovered behaviour to that scenario, so it must show it), and the
// run of all bundled scenarios reports its coverage (printed, and written to test-output/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/http/coverage-catalogue.ts';
import { textReport } from '../../src/scenarios/report.ts';
import { coverageLine, mergeRunCoverage } from '../../src/scenarios/run-coverage.ts';
import { runAllScenarios } from '../../src/scenarios/runner.ts';
import type { ScenarioReport } from '../../src/scenarios/scenario-types.ts';

const REPORT = 'test-output/scenario-coverage.txt';

describe('bundled scenarios cover the behaviour catalogue', () => {
  let reports: ScenarioReport[] = [];
  let exercisedBy = new Map<string, Set<string>>();
  let suite: ReturnType<typeof mergeRunCoverage>;
  // Every scenario once, each in its own simulator with coverage recorded (a few seconds; more on a busy machine).
  beforeAll(async () => {
    reports = await runAllScenarios();
    exercisedBy = new Map(reports.map((r) => [r.name, new Set(r.coverage?.behaviours ?? [])]));
    suite = mergeRunCoverage(reports.flatMap((r) => (r.coverage ? [r.coverage] : [])));
  }, 180_000);

  it('every bundled scenario passes and reports the coverage of its run', () => {
    for (const r of reports) {
      expect(r.passed, textReport([r])).toBe(true);
      expect(r.coverage, r.name).toBeDefined();
    }
  });

  it('every catalogue entry is exercised by the bundled scenario it names', () => {
    const missing = CATALOGUE.filter((b) => !exercisedBy.get(b.scenario)?.has(b.id)).map(
      (b) => `${b.id} (scenario ${b.scenario}${exercisedBy.has(b.scenario) ? '' : ', which does not exist'})`,
    );
    expect(missing, 'add a step to the scenario, or name one that exercises it').toEqual([]);
  });

  it('every catalogue entry is exercised by some bundled scenario; the run reports its coverage', () => {
    expect(suite).toBeDefined();
    const covered = new Set(suite!.behaviours);
    expect(CATALOGUE.filter((b) => !covered.has(b.id)).map((b) => b.id)).toEqual([]);
    const { behaviours, operations } = suite!.summary;
    expect(behaviours).toEqual({ total: CATALOGUE.length, covered: CATALOGUE.length, percent: 100 });
    expect(operations.covered).toBeGreaterThan(0);
    const lines = [
      `Bundled scenarios: ${reports.length}`,
      `Behaviours: ${behaviours.covered} of ${behaviours.total} (${behaviours.percent}%)`,
      `Operations x statuses: ${operations.covered} of ${operations.total} (${operations.percent}%)`,
      ...reports.map(
        (r) =>
          `  ${r.name.padEnd(28)} ${r.coverage!.summary.behaviours.covered} behaviours, ${r.coverage!.summary.operations.covered} operation x status`,
      ),
      '',
      coverageLine(suite!),
    ];
    mkdirSync('test-output', { recursive: true });
    writeFileSync(REPORT, `${lines.join('\n')}\n`);
    console.log(`${lines.slice(0, 3).join('\n')}\n(${REPORT})`);
  });
});
