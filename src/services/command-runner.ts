import { sequentialIds, type Ctx, type IdGen } from '../domain/ids.ts';
import { DomainError } from '../domain/errors.ts';
import { expiredIdempotencyKeyIds } from '../domain/idempotency-keys.ts';
import { behavioursOfCommit } from '../domain/behaviours/of-commit.ts';
import { inexactNumberPath, type CommandResult, type Patch } from '../domain/patch.ts';
import type { Reader, SandboxView } from '../domain/reader.ts';
import type { IdempotencyRecord, SandboxState } from '../domain/types.ts';
import type { Store } from '../store/store.ts';
import { IdempotentReplay, findIdempotencyRecord, type IdempotentRequest, type RunOptions } from './idempotency.ts';

export type IdSource = (lastIds: SandboxState['lastIds']) => { ids: IdGen; lastIds: () => SandboxState['lastIds'] };

type Command<T> = (state: Readonly<SandboxState>, ctx: Ctx) => CommandResult<T>;

/** Load state -> call a domain command -> commit its one patch. The only way services change state. */
export type CommandRunner = {
  read(sandbox: string): SandboxState;
  /** The sandbox's state with the store's lookups: what faces render documents from. */
  view(sandbox: string): SandboxView;
  /** The store's lookups, for the rules that read (commands get them in their Ctx). */
  readonly reader: Reader;
  /** `options.idempotency`: the keyed request this command serves; committed with the entity it creates. */
  run<T>(sandbox: string, command: Command<T>, options?: RunOptions): Promise<T>;
  /**
   * Runs `work` holding the sandbox's writes: commands on it wait (in order) until `work` ends, while reads,
   * and every other sandbox, go on. `work` commits through the `run` it is given. Used by long advances.
   */
  exclusive<T>(sandbox: string, work: (run: CommandRunner['run']) => Promise<T>): Promise<T>;
};

export function createCommandRunner({
  store,
  idSource = sequentialIds,
}: {
  store: Store;
  idSource?: IdSource;
}): CommandRunner {
  const held = new Map<string, Promise<void>>();
  const runNow = <T>(sandbox: string, command: Command<T>, options: RunOptions | undefined): Promise<T> => {
    const keyed = options?.idempotency;
    const marks = options?.marks;
    // The store runs the command on the sandbox's current state: synchronously, so no other command can
    // interleave between reading and applying.
    return store.write(sandbox, (state) => {
      const pending = keyed && !keyed.recorded ? keyed : undefined;
      // A retry that raced the original past the HTTP layer's check is answered from the record.
      const earlier = pending && findIdempotencyRecord(state, store.read, pending.scope, pending.key);
      if (earlier) throw new IdempotentReplay(earlier);
      const { ids, lastIds } = idSource(state.lastIds);
      const ctx: Ctx = { now: state.now, ids, read: store.read };
      const { patch, result } = command(state, ctx);
      const recorded = pending ? withIdempotencyRecord(state, patch, pending, ctx) : patch;
      refuseInexactNumbers(recorded);
      // What the command exercised: counted with the request's answer. Should the commit not be written,
      // the request answers store-unavailable, whose refusal replaces the marks (http/refusal-marks.ts).
      if (marks) marks.push(...behavioursOfCommit(state, store.read, patch));
      return { patch: { ...recorded, lastIds: lastIds() }, result };
    });
  };
  const whenFree = async (sandbox: string): Promise<void> => {
    for (let busy = held.get(sandbox); busy; busy = held.get(sandbox)) await busy;
  };
  const run: CommandRunner['run'] = (sandbox, command, options) => {
    if (!held.has(sandbox)) return runNow(sandbox, command, options);
    return whenFree(sandbox).then(() => runNow(sandbox, command, options));
  };
  return {
    read: (sandbox) => store.require(sandbox),
    view: (sandbox) => ({ ...store.require(sandbox), read: store.read }),
    reader: store.read,
    run,
    async exclusive(sandbox, work) {
      await whenFree(sandbox);
      let release!: () => void;
      held.set(sandbox, new Promise<void>((resolve) => (release = resolve)));
      try {
        // The store holds the sandbox's writes where other processes share it; this process holds its own here.
        return await store.exclusive(sandbox, () =>
          work((name, command, options) =>
            name === sandbox ? runNow(name, command, options) : run(name, command, options),
          ),
        );
      } finally {
        held.delete(sandbox);
        release();
      }
    },
  };
}

/**
 * The command's patch plus the key's record, when it created the entity the keyed request is about, and
 * minus the records that have expired (so keys do not pile up: each keyed write clears what is past).
 */
function withIdempotencyRecord(
  state: Readonly<SandboxState>,
  patch: Patch,
  request: IdempotentRequest,
  ctx: Ctx,
): Patch {
  const created = (patch.upsert?.[request.resourceType] ?? []) as { id: number }[];
  if (created.length !== 1) return patch;
  const entity = created[0]!;
  request.recorded = true;
  const record: IdempotencyRecord = {
    id: ctx.ids('idempotencyKey'),
    key: request.key,
    scope: request.scope,
    fingerprint: request.fingerprint,
    operationId: request.operationId,
    status: request.statusOf(entity),
    resource: { type: request.resourceType, id: entity.id },
    createdAt: ctx.now,
  };
  const expired = expiredIdempotencyKeyIds(state.idempotencyKeys ?? [], ctx.now);
  const withRecord: Patch = { ...patch, upsert: { ...patch.upsert, idempotencyKeys: [record] } };
  return expired.length ? { ...withRecord, remove: { ...patch.remove, idempotencyKeys: expired } } : withRecord;
}

/**
 * Last line of defence for the log: a number JSON cannot carry exactly (Infinity is written as null,
 * 2^53+1 as 2^53) would change meaning on replay. The domain refuses such amounts first; this refuses
 * the whole command, before anything is applied, should one ever get through.
 */
function refuseInexactNumbers(patch: Patch): void {
  const path = inexactNumberPath(patch);
  if (path === null) return;
  throw new DomainError(
    'validation',
    'number-out-of-range',
    'Number out of range',
    `The change would store a number that is not finite or not a safe integer (at ${path}); nothing was changed.`,
    {
      errors: [{ path, message: 'must be a finite number, and a whole number below 2^53' }],
    },
  );
}
