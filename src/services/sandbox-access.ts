// What the HTTP pipeline needs of the store, and nothing more: which sandbox a request names (valid as a
// file name everywhere), the sandbox made current before it is read, the writes an answer waits for, and
// the sandbox's clock for the journal. http/ reaches the store only through the services.
import type { IsoInstant } from '../domain/types.ts';
import { assertSandboxName, DEFAULT_SANDBOX } from '../store/sandbox-name.ts';
import type { Store } from '../store/store.ts';

export type SandboxAccess = {
  /** The sandbox a request names (`default` when it names none); 400 invalid-sandbox-name for a bad one. */
  nameOf(requested: string | undefined): string;
  /** Makes the sandbox current before it is read (see Store.sync); undefined when there is nothing to wait for. */
  sync(name: string): Promise<void> | undefined;
  /** What an answer showing the sandbox (any sandbox, without a name) waits for (see Store.unwritten). */
  unwritten(name?: string): Promise<void> | undefined;
  /** The sandbox's virtual clock when it is in memory (a sandbox on disk is not loaded to journal a request). */
  clockOf(name: string): IsoInstant | undefined;
};

export function createSandboxAccess(store: Store): SandboxAccess {
  return {
    nameOf: (requested) => assertSandboxName(requested ?? DEFAULT_SANDBOX),
    sync: (name) => store.sync(name),
    unwritten: (name) => store.unwritten(name),
    clockOf: (name) => (store.isLoaded(name) ? store.get(name)?.now : undefined),
  };
}
