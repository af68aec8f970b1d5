// `trax-sim copy --from SOURCE --to DESTINATION [NAME...] [--replace]`: a data folder or a postgres:// URL on
// either side. A data folder is locked as a server locks it, so no server writes it meanwhile.
import { parseCommandArgs, type CommandSpec } from './cli-args.ts';
import { copySandboxes } from './store/copy-sandboxes.ts';
import { lockDataDir, type DataLock } from './store/data-lock.ts';
import { jsonFilePersistence } from './store/persistence.ts';
import { describeDatabase } from './store/postgres/database-url.ts';
import { createStore } from './store/sandbox-store.ts';
import type { Store } from './store/store.ts';

const USAGE = `Usage: trax-sim copy --from SOURCE --to DESTINATION [NAME...] [--replace]

Copies sandboxes (all, or the NAMEs) between stores: a data folder (DIR) or a shared deployment's
PostgreSQL database (postgres://user:password@host:5432/db), either way. Each is copied whole, as it is
now; a name the destination already has is refused unless --replace. A data folder must not be in use by
a running server (it is locked as a server locks it); a database may be in use.

Options:
  --from SOURCE   a data folder or a postgres:// URL
  --to DEST       a data folder or a postgres:// URL
  --replace       overwrite sandboxes of the same name in the destination
  -h, --help      this help`;

const SPEC: CommandSpec = {
  name: 'copy',
  usage: USAGE,
  positionals: true,
  options: { from: { type: 'string' }, to: { type: 'string' }, replace: { type: 'boolean' } },
};

const isDatabase = (where: string) => /^postgres(ql)?:\/\//.test(where);

type Opened = { store: Store; close(): Promise<void>; label: string };

async function open(where: string, create: boolean): Promise<Opened> {
  if (isDatabase(where)) {
    const { openPostgres } = await import('./store/postgres/open-postgres.ts');
    const shared = await openPostgres(where, { maxSandboxes: Number.MAX_SAFE_INTEGER });
    return { store: shared.store, close: () => shared.close(), label: `PostgreSQL at ${describeDatabase(where)}` };
  }
  const { existsSync } = await import('node:fs');
  if (!create && !existsSync(where)) throw new Error(`${where} is not a data folder`);
  const lock: DataLock = lockDataDir(where, {});
  try {
    const store = await createStore(jsonFilePersistence(where), { maxSandboxes: Number.MAX_SAFE_INTEGER });
    return {
      store,
      label: where,
      close: async () => {
        await store.close();
        lock.release();
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

export async function copyCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(SPEC, args);
  if (typeof parsed === 'number') return parsed;
  const { from, to, replace } = parsed.values as { from?: string; to?: string; replace?: boolean };
  if (!from || !to) {
    console.error('trax-sim copy: --from and --to are both needed (see trax-sim copy --help)');
    return 2;
  }
  const source = await open(from, false);
  try {
    const destination = await open(to, true);
    try {
      const copied = await copySandboxes(source.store, destination.store, { names: parsed.positionals, replace });
      for (const c of copied)
        console.log(`copied ${c.name} (${c.customers} customers, ${c.invoices} invoices, ${c.events} events)`);
      console.log(`${copied.length} sandbox(es) from ${source.label} to ${destination.label}`);
      return 0;
    } finally {
      await destination.close();
    }
  } finally {
    await source.close();
  }
}
