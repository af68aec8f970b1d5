import { advanceClockSteps, type AdvanceChunk, type AdvanceResult } from '../domain/advance-clock.ts';
import { advanceStepEnd, advanceTarget } from '../domain/advance-span.ts';
import { eventsMatching, MAX_EVENT_PAGE, pageEvents, type EventFilter } from '../domain/event-page.ts';
import {
  createAdcCredential,
  createLogin,
  updateAdcCredential,
  updateLogin,
  type AdcCredentialInput,
  type LoginInput,
  type LoginUpdate,
} from '../domain/dealer.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { setDealerCredentials, setFaults, updateSettings } from '../domain/sim-controls.ts';
import type { IdGen } from '../domain/ids.ts';
import type { Faults, SandboxSettings, SeedRef, SimEvent } from '../domain/types.ts';
import { createIntegratorKey, createPersonalAccessToken, integratorKeysOf } from '../domain/securitytrax-access.ts';
import { seedState } from '../seeds/seed-state.ts';
import { hashToken, newToken } from './access-tokens.ts';
import type { CoverageTally } from '../store/coverage.ts';
import type { Journal } from '../store/journal.ts';
import type { ScenarioLibrary, ScenarioReport } from './scenario-library.ts';
import { RETRY_AFTER_SECONDS } from '../store/postgres/unavailable.ts';
import type { Store } from '../store/store.ts';
import { sandboxExists } from '../store/sandbox-errors.ts';
import { assertSandboxName } from '../store/sandbox-name.ts';
import type { CommandRunner } from './command-runner.ts';
import type { RunOptions } from './idempotency.ts';
import { eventsLink, sandboxView, type SandboxSummary } from './views.ts';

export type SandboxCreate = { name: string; from?: string; scenario?: string; seed?: 'demo' | 'empty'; tag?: string };

/** Actions per chunk of an advance: small enough that other sandboxes are answered in between. */
const ADVANCE_CHUNK_ACTIONS = 500;

/** The simulator's own controls: sandboxes, clock, settings, faults, timeline, fixtures. */
export function createSimService({
  store,
  runner,
  journal,
  coverage,
  scenarios,
  advanceChunkActions = ADVANCE_CHUNK_ACTIONS,
}: {
  store: Store;
  runner: CommandRunner;
  journal: Journal;
  coverage: CoverageTally;
  scenarios?: ScenarioLibrary;
  /** Actions per chunk of a clock advance (tests make it small to exercise the chunking). */
  advanceChunkActions?: number;
}) {
  const fromSeed = (name: string, seed: SeedRef) => seedState(name, seed, scenarios);
  /** A sandbox's summary (counts included), made current first. */
  const summary = async (name: string) => {
    await store.sync(assertSandboxName(name));
    return sandboxView(store.require(name), store.events(name).length);
  };
  return {
    /** Every sandbox's summary (each one loaded to count it). */
    async listSandboxes() {
      const out: SandboxSummary[] = [];
      for (const name of await store.names()) out.push(await summary(name));
      return out;
    },
    /** The names of every sandbox (none is loaded to list them). */
    sandboxNames: () => store.names(),
    /** The store's health and how many sandboxes exist (none is loaded to count them; null when unknown). */
    async health() {
      const health = await store.health();
      const down = health.database === 'down';
      const sandboxes = down ? null : (await store.names()).length;
      return { store: health, sandboxes, retryAfterSeconds: down ? RETRY_AFTER_SECONDS : null };
    },
    /** The state of the request's own sandbox (the pipeline made it current). */
    getSandbox: (name: string) => store.require(assertSandboxName(name)),
    sandboxSummary: summary,
    async createSandbox(input: SandboxCreate): Promise<SandboxSummary> {
      assertSandboxName(input.name);
      if ([input.from, input.scenario, input.seed].filter((x) => x !== undefined).length > 1) {
        throw invalid(
          'ambiguous-sandbox-source',
          'Ambiguous sandbox source',
          'Give at most one of from, scenario and seed.',
        );
      }
      await store.sync(input.name);
      if (store.get(input.name)) throw sandboxExists(input.name);
      const from = input.from;
      if (from !== undefined) {
        await store.sync(assertSandboxName(from));
        // The source's writes wait meanwhile: the clone's data is a copy of the source's as of now.
        await runner.exclusive(from, () => store.clone(from, input.name));
        if (input.tag !== undefined) await coverage.tag(input.name, input.tag);
        return summary(input.name);
      }
      const doc =
        input.scenario !== undefined
          ? fromSeed(input.name, { kind: 'scenario', name: input.scenario })
          : fromSeed(input.name, { kind: input.seed ?? 'demo' });
      await store.create(doc);
      if (input.tag !== undefined) await coverage.tag(input.name, input.tag);
      return summary(input.name);
    },
    // Replacing or removing a sandbox waits, as any write does, for an advance running on it.
    async deleteSandbox(name: string) {
      await store.sync(assertSandboxName(name));
      await runner.exclusive(name, async () => {
        await store.delete(name);
        await journal.clear(name);
        await coverage.clear(name);
      });
    },
    resetSandbox: (name: string): Promise<SandboxSummary> =>
      runner.exclusive(name, async () => {
        await store.replace(fromSeed(name, store.require(name).seed));
        await journal.clear(name);
        return summary(name);
      }),
    /** Replace the sandbox's state with a scenario's starting state. */
    loadScenario: (name: string, scenario: string): Promise<SandboxSummary> =>
      runner.exclusive(name, async () => {
        store.require(name);
        await store.replace(fromSeed(name, { kind: 'scenario', name: scenario }));
        await journal.clear(name);
        return summary(name);
      }),

    /** The scenarios of the folders, and the files that cannot be used (none without scenario folders). */
    scenarios: () => scenarios?.list?.() ?? { scenarios: [], broken: [] },
    /** Replays a scenario of the folders in its own fresh simulator: a report never depends on a sandbox's state. */
    runScenario(name: string): Promise<ScenarioReport> {
      if (!scenarios?.run) throw new Error('This simulator was built without a scenario runner.');
      return scenarios.run(name);
    },

    clock: (sandbox: string) => ({ now: runner.read(sandbox).now }),
    /**
     * Runs a month at a time, and each month in chunks of at most `advanceChunkActions` actions, each chunk
     * one command (and one log line), yielding to the event loop in between: a big dealer's month-end or a
     * 10-year advance keeps the server answering. Meanwhile reads of the sandbox see the chunks done so far;
     * writes to it wait until the advance ends. If a chunk fails, the clock stays where the chunks before it
     * took it.
     */
    async advanceClock(
      sandbox: string,
      input: { by?: string; to?: string },
      options?: RunOptions,
    ): Promise<{ from: string; now: string; events: SimEvent[]; next: string | null }> {
      advanceTarget(runner.read(sandbox).now, input); // refused up front, before waiting for the sandbox
      return runner.exclusive(sandbox, async (run) => {
        const from = runner.read(sandbox).now;
        const target = advanceTarget(from, input);
        const events: AdvanceResult['events'] = [];
        let actions = 0;
        for (let at = from; ; ) {
          const end = advanceStepEnd(at, target);
          const last = end === target;
          const step = last ? { announce: true as const, from, actionsBefore: actions } : { announce: false as const };
          // The month's chunks share one generator: it keeps the month's queue between them (no other write
          // can change the sandbox meanwhile: this advance holds its writes).
          let chunks: Generator<AdvanceChunk, void, IdGen | undefined> | undefined;
          for (let done = false; !done; ) {
            const chunk = await run(
              sandbox,
              (s, ctx) => {
                chunks ??= advanceClockSteps(s, end, ctx, { maxActions: advanceChunkActions, step });
                const next = chunks.next(ctx.ids);
                if (next.done) throw new Error('advance chunks ended early');
                return next.value;
              },
              options,
            ).catch((err: unknown) => {
              const now = runner.read(sandbox).now;
              throw now === from || !(err instanceof DomainError)
                ? err
                : new DomainError(
                    err.kind,
                    err.code,
                    err.title,
                    `${err.message} What was due before was run: the clock is at ${now}.`,
                    err.extensions,
                  );
            });
            // The answer names the first page of events only: a long advance over a big sandbox makes millions.
            for (const e of chunk.events) if (events.length <= MAX_EVENT_PAGE) events.push(e);
            actions += chunk.actions;
            done = chunk.done;
            if (!done || !last) await new Promise<void>((resolve) => setImmediate(resolve));
          }
          if (last) {
            if (events.length <= MAX_EVENT_PAGE) return { from, now: target, events, next: null };
            const page = events.slice(0, MAX_EVENT_PAGE);
            return {
              from,
              now: target,
              events: page,
              next: eventsLink({ after: page[page.length - 1]!.id, limit: MAX_EVENT_PAGE }),
            };
          }
          at = end;
        }
      });
    },

    settings: (sandbox: string) => runner.read(sandbox).settings,
    updateSettings: (sandbox: string, input: Partial<SandboxSettings>) =>
      runner.run(sandbox, (s, ctx) => updateSettings(s, input, ctx)),
    faults: (sandbox: string) => runner.read(sandbox).faults,
    setFaults: (sandbox: string, input: Partial<Faults>) => runner.run(sandbox, (s, ctx) => setFaults(s, input, ctx)),

    /** One page of events (the API's answer). */
    eventPage: (sandbox: string, filter: EventFilter) => pageEvents(store.events(sandbox), filter),
    /** Every matching event, for in-process callers (the console); the API pages with eventPage. */
    events(sandbox: string, filter: { type?: string; after?: number }) {
      return eventsMatching(store.events(sandbox), filter);
    },
    async journal(sandbox: string) {
      runner.read(sandbox);
      return journal.list(sandbox);
    },

    setDealer: (sandbox: string, input: { username: string; password: string }) =>
      runner.run(sandbox, (s, ctx) => setDealerCredentials(s, input, ctx)),
    logins: (sandbox: string) => runner.read(sandbox).logins,
    createLogin: (sandbox: string, input: LoginInput) => runner.run(sandbox, (s, ctx) => createLogin(s, input, ctx)),
    updateLogin: (sandbox: string, id: number, input: LoginUpdate) =>
      runner.run(sandbox, (s, ctx) => updateLogin(s, id, input, ctx)),
    credentials: (sandbox: string) => runner.read(sandbox).adcCredentials,
    createCredential: (sandbox: string, input: AdcCredentialInput) =>
      runner.run(sandbox, (s, ctx) => createAdcCredential(s, input, ctx)),
    updateCredential: (sandbox: string, id: number, input: { roles?: string[]; password?: string }) =>
      runner.run(sandbox, (s, ctx) => updateAdcCredential(s, id, input, ctx)),

    /** The SecurityTrax integrator keys the sandbox accepts. */
    integratorKeys: (sandbox: string) => integratorKeysOf(runner.read(sandbox)),
    createIntegratorKey: (sandbox: string, input: { key: string; name?: string }) =>
      runner.run(sandbox, (s, ctx) => createIntegratorKey(s, input, ctx)),
    /** The sandbox's personal access tokens, without the tokens (only their hashes are kept). */
    personalAccessTokens: (sandbox: string) =>
      (runner.read(sandbox).personalAccessTokens ?? []).map(({ id, name, createdAt }) => ({ id, name, createdAt })),
    /** A new personal access token: shown once, in this answer; the sandbox keeps only its hash. */
    async createPersonalAccessToken(sandbox: string, name: string) {
      const token = newToken();
      const pat = await runner.run(sandbox, (s, ctx) =>
        createPersonalAccessToken(s, { name, tokenHash: hashToken(token) }, ctx),
      );
      return { id: pat.id, name: pat.name, createdAt: pat.createdAt, token };
    },
  };
}

export type SimService = ReturnType<typeof createSimService>;
