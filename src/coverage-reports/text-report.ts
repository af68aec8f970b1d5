// The coverage report for a terminal or a CI log: the summary, what was exercised, and each behaviour never
// exercised with its sentence and the bundled scenario that exercises it (what to copy into a test).
import type { CoverageBar, Verdict } from './coverage-bar.ts';
import type { CoverageBehaviour, CoverageReport } from './read-coverage.ts';

/** Which sandboxes the report is of, in words. */
export function scopeOf(report: CoverageReport): string {
  const names = report.sandboxes.join(', ') || 'none';
  if (report.tag !== null) return `the sandboxes tagged ${report.tag} (${names})`;
  return report.sandboxes.length === 1 ? `sandbox ${names}` : `${report.sandboxes.length} sandboxes (${names})`;
}

const pct = (n: number) => `${Math.round(n * 10) / 10}%`;

/** `7 of 131 behaviours exercised (5.3%)`: the line the pact verification and scenario runs print. */
export function summaryLine(report: CoverageReport): string {
  const { covered, total, percent } = report.summary.behaviours;
  return `${covered} of ${total} behaviours exercised (${pct(percent)})`;
}

/** One uncovered behaviour: its id and sentence, then where to see it done. */
const uncoveredLines = (b: CoverageBehaviour, indent = '  ', note = ''): string[] => [
  `${indent}- ${b.id}${note}: ${b.sentence}`,
  `${indent}    exercised by the bundled scenario ${b.scenario} (trax-sim scenario run ${b.scenario})`,
];

export function textReport(report: CoverageReport): string {
  const ops = report.summary.operations;
  const exercised = report.behaviours.filter((b) => b.count > 0);
  const never = report.behaviours.filter((b) => b.count === 0);
  const width = Math.max(0, ...exercised.map((b) => b.id.length));
  return [
    `Behaviour coverage of ${scopeOf(report)}`,
    `  ${summaryLine(report)}`,
    `  ${ops.covered} of ${ops.total} operation x status pairs answered (${pct(ops.percent)})`,
    '',
    `Exercised (${exercised.length}):`,
    ...exercised.map((b) => `  - ${b.id.padEnd(width)}  x${b.count}`),
    '',
    `Never exercised (${never.length}):`,
    ...never.flatMap((b) => uncoveredLines(b)),
  ].join('\n');
}

/** What the bar decided, and when it is not met, the behaviours the tests never exercised that it asks for. */
export function verdictText(verdict: Verdict, bar: CoverageBar): string {
  const min = bar.min === undefined ? '' : ` and at least ${bar.min}% of the catalogue`;
  const asked = `${bar.require.length ? `${bar.require.length} required behaviour(s)` : 'no behaviour required'}${min}`;
  if (verdict.met) return `trax-sim coverage: bar met (${asked}; ${pct(verdict.percent)} exercised)`;
  const lines = [`trax-sim coverage: bar NOT met (${asked})`];
  if (verdict.requiredMissing.length) {
    lines.push(`${verdict.requiredMissing.length} required behaviour(s) never exercised by your tests:`);
    for (const b of verdict.requiredMissing) lines.push(...uncoveredLines(b));
  }
  if (!verdict.minMet) {
    const required = new Set(bar.require);
    lines.push(
      `${pct(verdict.percent)} of the behaviours exercised, below ${bar.min}%; never exercised (${verdict.uncovered.length}):`,
    );
    for (const b of verdict.uncovered) lines.push(...uncoveredLines(b, '  ', required.has(b.id) ? ' (required)' : ''));
  }
  return lines.join('\n');
}
