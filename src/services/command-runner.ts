import { sequentialIds, type Ctx, type IdGen } from '../domain/ids.ts';
import type { CommandResult } from '../domain/patch.ts';
import type { SandboxState } from '../domain/types.ts';
import type { Store } from '../store/sandbox-store.ts';

export type IdSource = (lastIds: SandboxState['lastIds']) => { ids: IdGen; lastIds: () => SandboxState['lastIds'] };

/** Load state -> call a domain command -> commit its one patch. The only way services change state. */
export type CommandRunner = {
  read(sandbox: string): SandboxState;
  run<T>(sandbox: string, command: (state: Readonly<SandboxState>, ctx: Ctx) => CommandResult<T>): Promise<T>;
};

export function createCommandRunner({ store, idSource = sequentialIds }: { store: Store; idSource?: IdSource }): CommandRunner {
  return {
    read: (sandbox) => store.require(sandbox),
    async run(sandbox, command) {
      const state = store.require(sandbox);
      const { ids, lastIds } = idSource(state.lastIds);
      // The command is synchronous: no other command can interleave between reading and applying.
      const { patch, result } = command(state, { now: state.now, ids });
      await store.commit(sandbox, { ...patch, lastIds: lastIds() });
      return result;
    },
  };
}
