import type { ScenarioReport } from './scenario-types.ts';

const ms = (n: number) => `${n.toFixed(1)} ms`;
const json = (v: unknown) => JSON.stringify(v);

/** Human report: one line per step, and for a failure what was expected and what happened. */
export function textReport(reports: ScenarioReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.passed ? 'PASS' : 'FAIL'} ${r.name} (${ms(r.durationMs)})  ${r.file}`);
    for (const s of r.steps) {
      lines.push(`  ${s.passed ? 'ok  ' : 'FAIL'} ${String(s.index).padStart(2)}. ${s.name} (${ms(s.durationMs)})`);
      if (!s.passed) {
        if (s.message) lines.push(`         ${s.message}`);
        if (s.expected !== null) lines.push(`         expected: ${json(s.expected)}`);
        if (s.actual !== null) lines.push(`         actual:   ${json(s.actual)}`);
      }
    }
  }
  const failed = reports.filter((r) => !r.passed).length;
  const total = reports.reduce((n, r) => n + r.durationMs, 0);
  lines.push(`${reports.length - failed} passed, ${failed} failed, ${ms(total)} in all`);
  return lines.join('\n');
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function junitReport(reports: ScenarioReport[]): string {
  const suites = reports.map((r) => {
    const cases = r.steps.map((s) => {
      const failure = s.passed
        ? ''
        : `<failure message="${xml(s.message ?? 'failed')}">${xml(`expected: ${json(s.expected)}\nactual: ${json(s.actual)}`)}</failure>`;
      return `    <testcase classname="${xml(r.name)}" name="${xml(`${s.index}. ${s.name}`)}" time="${(s.durationMs / 1000).toFixed(4)}">${failure}</testcase>`;
    });
    const failures = r.steps.filter((s) => !s.passed).length;
    return `  <testsuite name="${xml(r.name)}" tests="${r.steps.length}" failures="${failures}" time="${(r.durationMs / 1000).toFixed(4)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${suites.join('\n')}\n</testsuites>`;
}
