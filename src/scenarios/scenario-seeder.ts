import { buildState } from '../seeds/build-state.ts';
import type { ScenarioSeeder } from '../seeds/seed-state.ts';
import { findScenarioByName } from './catalog.ts';

/** Scenario name -> the sandbox state its `given` describes (used by sandboxes, serve --scenario, Pact states). */
export function loadScenarioSeeder(dir?: string): ScenarioSeeder {
  return (name, sandbox) => buildState(sandbox, { kind: 'scenario', name }, findScenarioByName(name, dir).given).state;
}
