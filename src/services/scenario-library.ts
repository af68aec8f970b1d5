// The scenario folders as the app sees them: seed a sandbox from a scenario's `given`, list the scenarios
// (and the broken files), replay one in a fresh simulator. Built by src/scenarios (scenario-seeder.ts), which
// replays scenarios against whole apps, and given to the app: nothing below src/scenarios imports it.
import type { components } from '../generated/openapi.ts';
import type { ScenarioSeeder } from '../seeds/seed-state.ts';

/** The report is an API response (runScenario): its shape is the spec's. */
export type ScenarioReport = components['schemas']['ScenarioReport'];
/** A scenario file that cannot be used: named by its file, with the first problem's line and every reason. */
type BrokenScenario = components['schemas']['BrokenScenario'];
export type ScenarioEntry = { name: string; description: string; file: string };

export type ScenarioLibrary = ScenarioSeeder & {
  /** The usable scenarios in name order, and the files that cannot be used (listed beside, never instead). */
  list?(): { scenarios: ScenarioEntry[]; broken: BrokenScenario[] };
  /** Replays a scenario of the folders in its own fresh simulator. */
  run?(name: string): Promise<ScenarioReport>;
};
