import { createApp } from '../create-app.ts';
import { buildState } from '../seeds/build-state.ts';
import type { ScenarioLibrary } from '../services/scenario-library.ts';
import { findScenarioByName, listScenarios, SCENARIO_DIR, scanScenarios, type ScenarioDirs } from './catalog.ts';

/**
 * The scenario folders as an app is given them (services/scenario-library.ts): a scenario's name -> the
 * sandbox state its `given` describes (sandboxes, serve --scenario, Pact states), the listing with the broken
 * files, and replays in a fresh simulator. `dirs` (see scenarioFolders) travel with it, so listings, loads
 * and runs read the same folders.
 */
export function loadScenarioSeeder(folders: ScenarioDirs = SCENARIO_DIR): ScenarioLibrary {
  const dirs = typeof folders === 'string' ? [folders] : [...folders];
  const seed = (name: string, sandbox: string) =>
    buildState(sandbox, { kind: 'scenario', name }, findScenarioByName(name, dirs).given).state;
  const library: ScenarioLibrary = Object.assign(seed, {
    dirs,
    list: () => ({ scenarios: listScenarios(dirs), broken: scanScenarios(dirs).broken }),
    // The replay and its step modules load on the first run, not at start-up.
    run: (name: string) =>
      import('./replay-scenario.ts').then(({ replayScenario }) =>
        replayScenario(findScenarioByName(name, dirs), { createApp, scenarios: library }),
      ),
  });
  return library;
}
