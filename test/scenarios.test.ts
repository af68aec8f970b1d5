import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findScenario, findScenarioByName, scenarioFiles } from '../src/scenarios/catalog.ts';
import { runScenario } from '../src/scenarios/runner.ts';
import { textReport } from '../src/scenarios/report.ts';
import { runScenarioFile } from '../src/scenarios/runner.ts';
import { parseScenario, ScenarioFileError } from '../src/scenarios/scenario-file.ts';

/** `trax-sim scenario run FILE` as a process: its exit code and output. */
function scenarioRun(file: string): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'scenario', 'run', file], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { status: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

const tmp = () => mkdtempSync(path.join(tmpdir(), 'trax-scn-'));

// Adding a file to scenarios/ adds a test here, with no code change.
describe.each(scenarioFiles().map((f) => [path.basename(f), f]))('scenario %s', (_name, file) => {
  it('replays with every expectation met', async () => {
    const report = await runScenarioFile(findScenario(file));
    expect(report.passed, textReport([report])).toBe(true);
    expect(report.steps.length).toBeGreaterThan(0);
  });
});

describe('scenario runner', () => {
  it('a deliberately wrong expectation fails with a readable diff of expected vs actual', async () => {
    const source = readFileSync('scenarios/three-past-due.yaml', 'utf8');
    const broken = source.replace('balanceDueCents: 11997', 'balanceDueCents: 12000');
    expect(broken).not.toBe(source);
    const file = path.join(tmp(), 'three-past-due.yaml');
    writeFileSync(file, broken);
    const report = await runScenarioFile(findScenario(file));
    expect(report.passed).toBe(false);
    const failed = report.steps.filter((s) => !s.passed);
    expect(failed.map((s) => s.name)).toEqual([
      'The Billing screen on Mar 3 shows the balances and the two past-due invoices',
    ]);
    expect(failed[0]!.message).toBe('/body/balanceDueCents: expected 12000, got 11997');
    const text = textReport([report]);
    expect(text).toContain('FAIL three-past-due');
    expect(text).toContain('expected: {"status":200,"body":{"balanceDueCents":12000');

    // The CLI prints the same report and exits non-zero.
    const { status, stdout } = scenarioRun(file);
    expect(status).toBe(1);
    expect(stdout).toContain('/body/balanceDueCents: expected 12000, got 11997');
    // Then what the run exercised of the behaviour catalogue, failed or not.
    expect(stdout).toMatch(
      /\nCoverage: \d+ of \d+ behaviours \([\d.]+%\), \d+ of \d+ operation x status \([\d.]+%\): .*past-due/,
    );
  });

  it('a malformed scenario file is rejected before anything runs, naming the file, line, path and reason', () => {
    const text = [
      'name: broken',
      'description: a bad file',
      'given:',
      '  clock: 2019-01-01',
      'steps:',
      '  - call: getBillingSummary',
      '    as: jane',
      '    expect: { status: "two hundred" }',
    ].join('\n');
    let error: unknown;
    try {
      parseScenario(text, 'scenarios/broken.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScenarioFileError);
    const e = error as ScenarioFileError;
    expect(e.problems).toContainEqual({ path: '/steps/0/expect/status', line: 8, message: 'must be integer' });
    expect(e.message).toContain('scenarios/broken.yaml:8 /steps/0/expect/status: must be integer');
  });

  it('invalid YAML is reported with its line', () => {
    expect(() => parseScenario('name: x\n  bad: [unclosed', 'scenarios/x.yaml')).toThrow(
      /scenarios\/x\.yaml:\d+ \/: YAML/,
    );
  });

  it('the CLI reports a malformed file as a failed scenario, with exit code 1', () => {
    const file = path.join(tmp(), 'bad.yaml');
    writeFileSync(
      file,
      'name: bad\ndescription: x\ngiven: { clock: 2019-01-01 }\nsteps:\n  - advance: P1D\n    call: getClock\n',
    );
    const { status, stdout } = scenarioRun(file);
    expect(status).toBe(1);
    expect(stdout).toContain(`FAIL bad (0.0 ms)  ${file}`);
    expect(stdout).toMatch(/the scenario file cannot be used: line \d+: \/steps\/0/);
    expect(stdout).toContain('0 passed, 1 failed');
  });

  it('served by name only: a request cannot make the server read a file, and a broken file is a 422 problem, not a crash', async () => {
    await expect(runScenario('../package.json')).rejects.toMatchObject({ code: 'scenario-not-found' });
    await expect(runScenario('scenarios/three-past-due.yaml')).rejects.toMatchObject({ code: 'scenario-not-found' });
    const dir = tmp();
    writeFileSync(path.join(dir, 'bad.yaml'), 'name: bad\ndescription: x\ngiven: { clock: nope }\nsteps: []\n');
    let error: unknown;
    try {
      findScenarioByName('bad', dir);
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ kind: 'validation', code: 'invalid-scenario-file' });
    expect((error as { extensions: { errors: unknown[] } }).extensions.errors).toContainEqual({
      path: '/given/clock',
      message: expect.stringContaining('line 3'),
    });
  });
});
