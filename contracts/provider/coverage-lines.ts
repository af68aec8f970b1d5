// What a pact verification exercised of the billing integration, as it prints it: covered/total, then the
// behaviours its interactions exercised (the rest is in `trax-sim coverage`'s report).
import type { CoverageReport } from '../../src/coverage-reports/read-coverage.ts';
import { summaryLine } from '../../src/coverage-reports/text-report.ts';

export function coverageLines(report: CoverageReport | null): string[] {
  if (!report)
    return ['trax-sim/pact: no behaviour coverage (no interaction was torn down, or the simulator reports none)'];
  const exercised = report.behaviours.filter((b) => b.count > 0).map((b) => b.id);
  return [
    `trax-sim/pact coverage of the verified interactions: ${summaryLine(report)}`,
    ...(exercised.length ? [`  ${exercised.join(', ')}`] : []),
  ];
}
