// A durable clone copies its source's files (snapshot and log as they are) instead of writing the whole
// state again: asserted by counting snapshot writes, never by timing. The clone reloads equal after a
// restart, keeps its own writes, and a crash mid-copy leaves no half clone.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Patch } from '../../src/domain/patch.ts';
import type { SandboxState } from '../../src/domain/types.ts';
import { seedState } from '../../src/seeds/seed-state.ts';
import { jsonFilePersistence, type Persistence } from '../../src/store/persistence.ts';
import { createStore } from '../../src/store/sandbox-store.ts';
import { commitPatch } from '../support/commit-patch.ts';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'trax-clone-files-'));
const plain = (s: SandboxState) => JSON.parse(JSON.stringify(s)) as SandboxState;

function addCustomer(state: SandboxState, n: number): Patch {
  const id = (state.lastIds.customer ?? 0) + 1;
  const eventId = (state.lastIds.event ?? 0) + 1;
  return {
    upsert: {
      customers: [
        { id, firstName: `C${n}`, lastName: 'Clone', email: `c${n}@example.com`, ispId: null, createdAt: state.now },
      ],
    },
    events: [{ id: eventId, at: state.now, type: 'customer.created', data: { customerId: id } }],
    lastIds: { ...state.lastIds, customer: id, event: eventId },
  };
}

/** File persistence counting the whole-state snapshots it writes. */
function counting(dir: string): { persistence: Persistence; snapshots: string[] } {
  const inner = jsonFilePersistence(dir);
  const snapshots: string[] = [];
  return {
    snapshots,
    persistence: {
      ...inner,
      writeSnapshot: (name, source, seq) => {
        snapshots.push(name);
        return inner.writeSnapshot(name, source, seq);
      },
    },
  };
}

describe('durable clone', () => {
  it('copies the files without writing the state; both sides keep their own writes across a restart', async () => {
    const dir = tempDir();
    const { persistence, snapshots } = counting(dir);
    const store = await createStore(persistence);
    await store.create(seedState('default', { kind: 'demo' }));
    // Committed but maybe not yet written when the clone starts: the clone must hold them.
    const pending = [0, 1, 2].map((i) => commitPatch(store, 'default', addCustomer(store.require('default'), i)));
    await store.clone('default', 'copy');
    await Promise.all(pending);
    expect(snapshots).toEqual(['default']); // the create's snapshot only
    expect(await store.names()).toEqual(['copy', 'default']);
    await commitPatch(store, 'copy', addCustomer(store.require('copy'), 10));
    await commitPatch(store, 'default', addCustomer(store.require('default'), 20));
    const source = plain(store.require('default'));
    const copy = plain(store.require('copy'));
    expect(copy.name).toBe('copy');
    expect(copy.customers.at(-1)?.firstName).toBe('C10');
    expect(source.customers.at(-1)?.firstName).toBe('C20');
    await store.close();

    const reloaded = await createStore(jsonFilePersistence(dir));
    expect(plain(reloaded.require('copy'))).toEqual(copy);
    expect(plain(reloaded.require('default'))).toEqual(source);
  });

  it('rewriting the source (a reset writes a new snapshot) leaves the clone as it was', async () => {
    const dir = tempDir();
    const store = await createStore(jsonFilePersistence(dir));
    await store.create(seedState('default', { kind: 'demo' }));
    await store.clone('default', 'copy');
    const copy = plain(store.require('copy'));
    await store.replace(seedState('default', { kind: 'empty' }));
    await store.close();
    const reloaded = await createStore(jsonFilePersistence(dir));
    expect(plain(reloaded.require('copy'))).toEqual(copy);
    expect(reloaded.require('default').customers).toHaveLength(0);
  });

  it('a clone name that is taken, or being cloned, is a conflict', async () => {
    const store = await createStore(jsonFilePersistence(tempDir()));
    await store.create(seedState('default', { kind: 'demo' }));
    const first = store.clone('default', 'copy');
    await expect(store.clone('default', 'copy')).rejects.toMatchObject({
      code: 'sandbox-exists',
    });
    await first;
    await expect(store.create(seedState('copy', { kind: 'empty' }))).rejects.toMatchObject({ code: 'sandbox-exists' });
  });

  it('a crash mid-copy leaves no clone: a copied log without its snapshot is removed at the next start', async () => {
    const dir = tempDir();
    const store = await createStore(jsonFilePersistence(dir));
    await store.create(seedState('default', { kind: 'demo' }));
    await commitPatch(store, 'default', addCustomer(store.require('default'), 0));
    await store.close();
    // What a crash between the copy's two renames leaves: the log in place, the snapshot still a temp file.
    const files = path.join(dir, 'sandboxes');
    writeFileSync(path.join(files, 'copy.wal'), '{"seq":1,"patch":{}}\n');
    writeFileSync(path.join(files, '.copy.json.copy'), '{"name":"default"');
    const reloaded = await createStore(jsonFilePersistence(dir));
    expect(await reloaded.names()).toEqual(['default']);
    expect(existsSync(path.join(files, 'copy.wal'))).toBe(false);
    // A clone made afterwards starts from the source, not from what the crash left.
    await reloaded.clone('default', 'copy');
    await reloaded.close();
    const again = await createStore(jsonFilePersistence(dir));
    // The clone's own incarnation is one log line over its source's files, and survives the restart.
    const copy = plain(again.require('copy'));
    expect(copy).toEqual({ ...plain(again.require('default')), name: 'copy', incarnation: copy.incarnation });
    expect(copy.incarnation).toBe(reloaded.require('copy').incarnation);
    expect(copy.incarnation).not.toBe(again.require('default').incarnation);
    expect(
      readdirSync(files)
        .filter((f) => !f.startsWith('.'))
        .sort(),
    ).toEqual(['copy.json', 'copy.wal', 'default.json', 'default.wal']);
  });
});
