import { advanceClock } from '../domain/advance-clock.ts';
import { cloneState } from '../domain/patch.ts';
import { addDuration, toInstant } from '../domain/dates.ts';
import { createAdcCredential, createLogin, updateAdcCredential, updateLogin, type AdcCredentialInput, type LoginInput, type LoginUpdate } from '../domain/dealer.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { setFaults, updateSettings } from '../domain/sim-controls.ts';
import type { Faults, SandboxSettings, SandboxState, SeedRef } from '../domain/types.ts';
import type { Journal } from '../http/journal.ts';
import { seedState, type ScenarioSeeder } from '../seeds/seed-state.ts';
import type { Store } from '../store/sandbox-store.ts';
import { assertSandboxName } from '../store/sandbox-name.ts';
import type { CommandRunner } from './command-runner.ts';

export type SandboxCreate = { name: string; from?: string; scenario?: string; seed?: 'demo' | 'empty' };

/** The simulator's own controls: sandboxes, clock, settings, faults, timeline, fixtures. */
export function createSimService({ store, runner, journal, scenarios }: { store: Store; runner: CommandRunner; journal: Journal; scenarios?: ScenarioSeeder }) {
  const fromSeed = (name: string, seed: SeedRef) => seedState(name, seed, scenarios);
  return {
    listSandboxes: () => store.names().map((n) => store.require(n)),
    getSandbox: (name: string) => store.require(assertSandboxName(name)),
    async createSandbox(input: SandboxCreate): Promise<SandboxState> {
      assertSandboxName(input.name);
      if ([input.from, input.scenario, input.seed].filter((x) => x !== undefined).length > 1) {
        throw invalid('ambiguous-sandbox-source', 'Ambiguous sandbox source', 'Give at most one of from, scenario and seed.');
      }
      if (store.get(input.name)) throw new DomainError('conflict', 'sandbox-exists', 'Sandbox already exists', `A sandbox named "${input.name}" already exists.`);
      let state: SandboxState;
      if (input.from !== undefined) state = cloneState(store.require(input.from), { name: input.name });
      else if (input.scenario !== undefined) state = fromSeed(input.name, { kind: 'scenario', name: input.scenario });
      else state = fromSeed(input.name, { kind: input.seed ?? 'demo' });
      await store.create(state);
      return state;
    },
    async deleteSandbox(name: string) {
      await store.delete(assertSandboxName(name));
      journal.clear(name);
    },
    async resetSandbox(name: string): Promise<SandboxState> {
      const state = fromSeed(name, store.require(name).seed);
      await store.replace(state);
      journal.clear(name);
      return state;
    },
    /** Replace the sandbox's state with a scenario's starting state. */
    async loadScenario(name: string, scenario: string): Promise<SandboxState> {
      store.require(name);
      const state = fromSeed(name, { kind: 'scenario', name: scenario });
      await store.replace(state);
      journal.clear(name);
      return state;
    },

    clock: (sandbox: string) => ({ now: runner.read(sandbox).now }),
    advanceClock(sandbox: string, input: { by?: string; to?: string }) {
      const now = runner.read(sandbox).now;
      const target = input.by !== undefined ? addDuration(now, input.by) : toInstant(input.to ?? now);
      return runner.run(sandbox, (s, ctx) => advanceClock(s, target, ctx));
    },

    settings: (sandbox: string) => runner.read(sandbox).settings,
    updateSettings: (sandbox: string, input: Partial<SandboxSettings>) => runner.run(sandbox, (s, ctx) => updateSettings(s, input, ctx)),
    faults: (sandbox: string) => runner.read(sandbox).faults,
    setFaults: (sandbox: string, input: Partial<Faults>) => runner.run(sandbox, (s, ctx) => setFaults(s, input, ctx)),

    events(sandbox: string, filter: { type?: string; after?: number }) {
      return runner.read(sandbox).events.filter((e) => (filter.type === undefined || e.type === filter.type || e.type.startsWith(`${filter.type}.`)) && (filter.after === undefined || e.id > filter.after));
    },
    journal(sandbox: string) {
      runner.read(sandbox);
      return journal.list(sandbox);
    },

    logins: (sandbox: string) => runner.read(sandbox).logins,
    createLogin: (sandbox: string, input: LoginInput) => runner.run(sandbox, (s, ctx) => createLogin(s, input, ctx)),
    updateLogin: (sandbox: string, id: number, input: LoginUpdate) => runner.run(sandbox, (s, ctx) => updateLogin(s, id, input, ctx)),
    credentials: (sandbox: string) => runner.read(sandbox).adcCredentials,
    createCredential: (sandbox: string, input: AdcCredentialInput) => runner.run(sandbox, (s, ctx) => createAdcCredential(s, input, ctx)),
    updateCredential: (sandbox: string, id: number, input: { roles?: string[]; password?: string }) =>
      runner.run(sandbox, (s, ctx) => updateAdcCredential(s, id, input, ctx)),
  };
}

export type SimService = ReturnType<typeof createSimService>;
