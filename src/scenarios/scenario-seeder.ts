import type { ScenarioSeeder } from '../seeds/seed-state.ts';
import { DomainError } from '../domain/errors.ts';

export function loadScenarioSeeder(): ScenarioSeeder {
  return (name) => {
    throw new DomainError('not_found', 'scenario-not-found', 'Scenario not found', `No scenario named "${name}".`);
  };
}
