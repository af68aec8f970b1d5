import { DomainError } from '../domain/errors.ts';
import type { SandboxDocument, SeedRef } from '../domain/types.ts';
import { buildState, emptyState } from './build-state.ts';
import { DEMO_SETUP } from './demo.ts';

const EMPTY_CLOCK = '2019-01-01T00:00:00.000Z';

/** Loads a named scenario's starting state (provided by the scenario runner); `dirs`: the folders it reads. */
export type ScenarioSeeder = ((scenario: string, sandbox: string) => SandboxDocument) & {
  readonly dirs?: readonly string[];
};

/** The state a seed reference stands for: what a sandbox is created from and reset to. */
export function seedState(name: string, seed: SeedRef, scenarios?: ScenarioSeeder): SandboxDocument {
  switch (seed.kind) {
    case 'demo':
      return buildState(name, seed, DEMO_SETUP).state;
    case 'empty':
      return emptyState(name, seed, EMPTY_CLOCK);
    case 'scenario':
      if (!scenarios)
        throw new DomainError(
          'not_found',
          'scenario-not-found',
          'Scenario not found',
          `No scenarios are available to seed "${seed.name}".`,
        );
      return scenarios(seed.name, name);
  }
}
