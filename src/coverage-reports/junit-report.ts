// The coverage report as JUnit XML, for the test report views of CI tools: a test suite per behaviour group,
// one test case per behaviour. Exercised: passed. Never exercised: skipped, or failed when --require names it.
// --min adds one test case of its own (`coverage bar`), failed when the share is below it: a share is no one
// behaviour's fault, so the behaviours stay skipped.
import pkg, { type Builder } from 'junit-report-builder';
import type { CoverageBar, Verdict } from './coverage-bar.ts';
import type { CoverageBehaviour, CoverageReport } from './read-coverage.ts';
import { scopeOf } from './text-report.ts';

// Its declarations say `export default`, its CommonJS file sets module.exports to the builder: Node's ESM gives
// the builder as the default, the types one level down. Either way, the builder.
const junit: Builder = (pkg as Partial<typeof pkg>).default ?? (pkg as unknown as Builder);

const exercisedBy = (b: CoverageBehaviour) => {
  const f = b.first;
  if (!f) return '';
  const journal = f.journalId === null ? '' : `, journal #${f.journalId}`;
  return `; first by ${f.method} ${f.path} -> ${f.status} at ${f.at} (sandbox ${f.sandbox}${journal})`;
};

export function junitReport(report: CoverageReport, bar: CoverageBar, verdict: Verdict): string {
  const builder = junit.newBuilder();
  const required = new Set(bar.require);
  const groups = [...new Set(report.behaviours.map((b) => b.group))];
  for (const group of groups) {
    const suite = builder.testSuite().name(`trax-sim coverage: ${group}`).property('scope', scopeOf(report));
    for (const b of report.behaviours.filter((x) => x.group === group)) {
      const test = suite.testCase().className(`trax-sim.coverage.${group}`).name(b.id);
      if (b.count > 0) {
        test.standardOutput(`${b.sentence}\nexercised ${b.count} time(s)${exercisedBy(b)}`);
        continue;
      }
      const how = `never exercised: ${b.sentence} The bundled scenario ${b.scenario} exercises it (trax-sim scenario run ${b.scenario}).`;
      test.standardOutput(how);
      if (required.has(b.id)) test.failure(`required by --require, ${how}`, 'uncovered');
      else test.skipped();
    }
  }
  if (bar.min !== undefined) {
    const test = builder
      .testSuite()
      .name('trax-sim coverage bar')
      .testCase()
      .className('trax-sim.coverage')
      .name(`at least ${bar.min}% of the behaviours exercised`);
    const share = `${Math.round(verdict.percent * 10) / 10}% exercised (${report.summary.behaviours.covered} of ${report.summary.behaviours.total})`;
    if (verdict.minMet) test.standardOutput(share);
    else test.failure(`${share}, below ${bar.min}%`, 'below-min');
  }
  return builder.build();
}
