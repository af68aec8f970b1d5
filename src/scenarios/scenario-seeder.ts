import { buildState } from '../seeds/build-state.ts';
import type { ScenarioSeeder } from '../seeds/seed-state.ts';
import { findScenarioByName, SCENARIO_DIR, type ScenarioDirs } from './catalog.ts';

/** Scenario name -> the sandbox state its `given` describes (used by sandboxes, serve --scenario, Pact states).
 *  `dirs` (see scenarioFolders) travel with the seeder, so listings and runs read the same folders. */
export function loadScenarioSeeder(folders: ScenarioDirs = SCENARIO_DIR): ScenarioSeeder {
  const dirs = typeof folders === 'string' ? [folders] : [...folders];
  const seed = (name: string, sandbox: string) =>
    buildState(sandbox, { kind: 'scenario', name }, findScenarioByName(name, dirs).given).state;
  return Object.assign(seed, { dirs });
}
