import type { Patch } from '../../src/domain/patch.ts';
import type { Store } from '../../src/store/store.ts';

/** Commits a ready-made patch, as a command that returns it would (store tests build patches by hand). */
export const commitPatch = (store: Store, name: string, patch: Patch): Promise<void> =>
  store.write(name, () => ({ patch, result: undefined }));
