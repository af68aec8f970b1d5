// A broken scenario file: one broken scenario file is reported (file, line, reason); the others are listed and run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_DIR, scenarioFiles } from '../../src/scenarios/catalog.ts';
import { loadScenarioSeeder } from '../../src/scenarios/scenario-seeder.ts';
import { testApp } from '../support/test-app.ts';

// A YAML typo: advanceTo indented one space too far, under clock (reported at line 4).
const TYPO =
  'name: typo\ndescription: one broken file\ngiven:\n  clock: 2019-01-01\n   advanceTo: 2019-02-01\nsteps: []\n';

/** A temp copy of scenarios/ (or of a few of its files) with one broken file added. */
function folderWithTypo(only?: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-broken-'));
  if (only)
    for (const name of only) copyFileSync(path.join(SCENARIO_DIR, `${name}.yaml`), path.join(dir, `${name}.yaml`));
  else cpSync(SCENARIO_DIR, dir, { recursive: true });
  writeFileSync(path.join(dir, 'typo.yaml'), TYPO);
  return dir;
}

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8' });

describe('a broken scenario file', () => {
  it('GET /__sim/scenarios lists the good ones and reports the broken one (file, line, reason), not a 500', async () => {
    const dir = folderWithTypo();
    const t = await testApp({ scenarios: loadScenarioSeeder(dir) });
    const res = await t.call('GET', '/__sim/scenarios');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(scenarioFiles().length);
    expect(res.body.broken).toEqual([
      {
        name: 'typo',
        file: path.join(dir, 'typo.yaml'),
        line: 4,
        reason: expect.stringMatching(/^line 4: \/: YAML: /),
      },
    ]);
    // The good ones still load by name.
    expect((await t.call('POST', '/__sim/scenarios/no-mmr/load')).status).toBe(200);
  });

  it('`scenario list` lists the good ones and the broken one with its reason (exit 1)', () => {
    const dir = folderWithTypo(['no-mmr', 'role-missing']);
    const out = cli('scenario', 'list', '--scenarios', dir);
    expect(out.status).toBe(1);
    expect(out.stdout).toMatch(/^no-mmr\s/m);
    expect(out.stdout).toMatch(/^role-missing\s/m);
    expect(out.stdout).toMatch(/^typo\s+BROKEN .*typo\.yaml:4: line 4: \/: YAML: /m);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('`scenario run` runs every good one and counts the broken one as a failure, in text, json and junit (exit 1)', () => {
    // The folder's files come first (no-mmr and role-missing here shadow the bundled ones), then the bundled rest.
    const dir = folderWithTypo(['no-mmr', 'role-missing']);
    const good = scenarioFiles().length;
    const text = cli('scenario', 'run', '--scenarios', dir);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(`PASS no-mmr (`);
    expect(text.stdout).toContain(path.join(dir, 'no-mmr.yaml'));
    expect(text.stdout).toMatch(/^PASS role-missing /m);
    expect(text.stdout).toMatch(/^FAIL typo /m);
    expect(text.stdout).toContain(`${good} passed, 1 failed`);

    const json = cli('scenario', 'run', '--scenarios', dir, '--report', 'json');
    expect(json.status).toBe(1);
    const reports = JSON.parse(json.stdout) as { name: string; passed: boolean; steps: { message: string | null }[] }[];
    expect(reports.filter((r) => !r.passed).map((r) => r.name)).toEqual(['typo']);
    expect(reports).toHaveLength(good + 1);
    expect(reports.at(-1)!.steps[0]!.message).toMatch(/line 4: \/: YAML/);

    const junit = cli('scenario', 'run', '--scenarios', dir, '--report', 'junit');
    expect(junit.status).toBe(1);
    expect(junit.stdout).toMatch(/<testsuite name="typo" tests="1" failures="1"/);
  }, 90_000);
});
