// Copies sandboxes between stores, both ways between a data folder and a shared deployment's database: start
// on a laptop and move to the team's deployment, or bring a sandbox back to reproduce a bug locally. Each
// sandbox is copied whole (state and timeline) as it is at the time; a name taken in the destination is
// refused unless `replace`.
import { DomainError } from '../domain/errors.ts';
import { eventsMatching } from '../domain/event-page.ts';
import type { Store } from './store.ts';

export type CopyReport = { name: string; customers: number; invoices: number; events: number };

export async function copySandboxes(
  from: Store,
  to: Store,
  options: { names?: readonly string[]; replace?: boolean } = {},
): Promise<CopyReport[]> {
  const available = await from.names();
  const names = options.names?.length ? options.names : available;
  const missing = names.filter((n) => !available.includes(n));
  if (missing.length)
    throw new DomainError(
      'not_found',
      'sandbox-not-found',
      'Sandbox not found',
      `No sandbox named ${missing.join(', ')} to copy.`,
    );
  const existing = new Set(await to.names());
  const taken = names.filter((n) => existing.has(n));
  if (taken.length && !options.replace)
    throw new DomainError(
      'conflict',
      'sandbox-exists',
      'Sandbox already exists',
      `The destination already has ${taken.join(', ')}; pass --replace to overwrite, or name the others.`,
    );
  const out: CopyReport[] = [];
  for (const name of names) {
    await from.sync(name);
    const state = from.require(name);
    const doc = { ...state, events: eventsMatching(from.events(name), {}) };
    if (existing.has(name)) {
      await to.sync(name);
      await to.exclusive(name, () => to.replace(doc));
    } else await to.create(doc);
    out.push({ name, customers: state.customers.length, invoices: state.invoices.length, events: doc.events.length });
  }
  await to.flush();
  return out;
}
