// Spec conformance in CI: (1) every scenario replays with every response valid against
// spec/openapi.yaml (the runner validates in strict mode and reports a violation as a failed step);
// (2) the spec itself passes the Redocly linter with no errors (warnings allowed; one is known:
// operation-2xx-response on removePaymentMethod, which by design never succeeds).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { textReport } from '../src/scenarios/report.ts';
import { runAllScenarios } from '../src/scenarios/runner.ts';
import { listScenarios } from '../src/scenarios/catalog.ts';

describe('spec conformance', () => {
  it('every scenario replays with no failed step (spec violations fail steps)', async () => {
    const reports = await runAllScenarios();
    expect(reports.map((r) => r.name)).toEqual(listScenarios().map((s) => s.name));
    const failed = reports.flatMap((r) =>
      r.steps.filter((s) => !s.passed).map((s) => `${r.name} #${s.index} ${s.name}: ${s.message}`),
    );
    expect(failed, textReport(reports.filter((r) => !r.passed))).toEqual([]);
  }, 60_000);

  it('spec/openapi.yaml passes `redocly lint` with no errors', async () => {
    type Lint = {
      totals: { errors: number; warnings: number };
      problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
    };
    const { stdout } = await promisify(execFile)(
      'node_modules/.bin/redocly',
      ['lint', 'spec/openapi.yaml', '--format', 'json'],
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 10 * 1024 * 1024,
      },
    ).catch((err: { stdout?: string; stderr?: string }) => ({ stdout: err.stdout ?? '', stderr: err.stderr ?? '' }));
    const lint = JSON.parse(stdout) as Lint;
    const errors = lint.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
    expect(lint.totals.errors).toBe(0);
  }, 60_000);
});
