import { DomainError } from '../domain/errors.ts';
import { applyPatch, type Patch } from '../domain/patch.ts';
import type { SandboxState } from '../domain/types.ts';
import { groupCommit, type GroupCommit } from './group-commit.ts';
import type { Persistence } from './persistence.ts';
import { assertSandboxName } from './sandbox-name.ts';

/**
 * All sandboxes of one server. Reads are from memory; every change is one patch applied synchronously
 * (so concurrent commands are serialised) and acknowledged only once flushed by the persistence.
 */
export type Store = {
  names(): string[];
  get(name: string): SandboxState | undefined;
  /** The sandbox, or a 404 problem naming it. */
  require(name: string): SandboxState;
  create(state: SandboxState): Promise<void>;
  /** Replace a sandbox's whole state (reset, scenario load). */
  replace(state: SandboxState): Promise<void>;
  delete(name: string): Promise<void>;
  commit(name: string, patch: Patch): Promise<void>;
  /** Wait for every pending write. */
  flush(): Promise<void>;
};

export async function createStore(persistence: Persistence): Promise<Store> {
  const sandboxes = new Map<string, SandboxState>();
  const writers = new Map<string, GroupCommit>();
  for (const state of await persistence.loadAll()) sandboxes.set(state.name, state);

  const writer = (name: string): GroupCommit => {
    let w = writers.get(name);
    if (!w) {
      w = groupCommit(async () => {
        const state = sandboxes.get(name);
        if (state) await persistence.save(state);
      });
      writers.set(name, w);
    }
    return w;
  };

  const require = (name: string): SandboxState => {
    const state = sandboxes.get(name);
    if (!state) {
      throw new DomainError('not_found', 'sandbox-not-found', 'Sandbox not found', `There is no sandbox named "${name}". Create it with POST /__sim/sandboxes.`, { sandbox: name });
    }
    return state;
  };

  return {
    names: () => [...sandboxes.keys()].sort(),
    get: (name) => sandboxes.get(name),
    require,
    async create(state) {
      assertSandboxName(state.name);
      if (sandboxes.has(state.name)) {
        throw new DomainError('conflict', 'sandbox-exists', 'Sandbox already exists', `A sandbox named "${state.name}" already exists.`);
      }
      sandboxes.set(state.name, state);
      await writer(state.name).request();
    },
    async replace(state) {
      require(state.name);
      sandboxes.set(state.name, state);
      await writer(state.name).request();
    },
    async delete(name) {
      require(name);
      sandboxes.delete(name);
      await writer(name).idle();
      writers.delete(name);
      await persistence.remove(name);
    },
    async commit(name, patch) {
      applyPatch(require(name), patch);
      await writer(name).request();
    },
    async flush() {
      await Promise.all([...writers.values()].map((w) => w.idle()));
    },
  };
}
