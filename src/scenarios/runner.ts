// Scenario runs for the CLI, tests and the benchmark: each scenario replayed in its own simulator.
import { createApp } from '../create-app.ts';
import { findScenarioByName, scanScenarios, type BrokenScenario, type ScenarioDirs } from './catalog.ts';
import { replayScenario, type RunOptions } from './replay-scenario.ts';
import { loadScenarioSeeder } from './scenario-seeder.ts';
import type { Scenario, ScenarioReport } from './scenario-types.ts';

/** Replays one scenario against a fresh in-memory simulator, through the same Hono app as the server. */
export const runScenarioFile = (
  file: Scenario,
  { dirs, ...options }: RunOptions & { dirs?: ScenarioDirs } = {},
): Promise<ScenarioReport> => replayScenario(file, { ...options, createApp, scenarios: loadScenarioSeeder(dirs) });

/** By name, from the scenario folders only: what the API and the console run (a request never names a server file). */
export const runScenario = async (name: string, dirs?: ScenarioDirs): Promise<ScenarioReport> =>
  runScenarioFile(findScenarioByName(name, dirs), { dirs });

/** A broken scenario file as a failed report, so every report format counts it as a failure. */
export function brokenReport(broken: BrokenScenario): ScenarioReport {
  const message = `the scenario file cannot be used: ${broken.reason}`;
  return {
    name: broken.name,
    file: broken.file,
    passed: false,
    durationMs: 0,
    steps: [
      { index: 0, name: 'read scenario file', passed: false, durationMs: 0, message, expected: null, actual: null },
    ],
  };
}

/** Every scenario of the folders, in name order; a broken file is one failed report, the others run. */
export async function runAllScenarios(dirs?: ScenarioDirs): Promise<ScenarioReport[]> {
  const { scenarios, broken } = scanScenarios(dirs);
  const reports: ScenarioReport[] = [];
  for (const scenario of scenarios) reports.push(await runScenarioFile(scenario, { dirs }));
  return [...reports, ...broken.map(brokenReport)];
}
