import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Memory } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { SandboxState } from '../domain/types.ts';

/** Where sandboxes live between runs. lowdb adapters underneath: one JSON file per sandbox, or memory. */
export type Persistence = {
  loadAll(): Promise<SandboxState[]>;
  save(state: SandboxState): Promise<void>;
  remove(name: string): Promise<void>;
};

type Adapter = { read(): Promise<SandboxState | null>; write(data: SandboxState): Promise<void> };

export function memoryPersistence(): Persistence {
  const adapters = new Map<string, Memory<SandboxState>>();
  const adapter = (name: string) => adapters.get(name) ?? adapters.set(name, new Memory()).get(name)!;
  return {
    loadAll: async () => [],
    // Memory keeps a reference; the store's state is already the truth, nothing to copy.
    save: (state) => adapter(state.name).write(state),
    remove: async (name) => void adapters.delete(name),
  };
}

/** `DIR/sandboxes/<name>.json`, compact JSON, written atomically (temp file + rename, by lowdb's steno). */
export function jsonFilePersistence(dataDir: string): Persistence {
  const dir = path.join(dataDir, 'sandboxes');
  const adapters = new Map<string, Adapter>();
  const fileOf = (name: string) => path.join(dir, `${name}.json`);
  const adapter = (name: string): Adapter => {
    let a = adapters.get(name);
    if (!a) {
      a = new DataFile<SandboxState>(fileOf(name), { parse: JSON.parse, stringify: (d) => JSON.stringify(d) });
      adapters.set(name, a);
    }
    return a;
  };
  return {
    async loadAll() {
      await mkdir(dir, { recursive: true });
      const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
      const states: SandboxState[] = [];
      for (const f of files) {
        const state = await adapter(f.slice(0, -'.json'.length)).read();
        if (state) states.push(state);
      }
      return states;
    },
    async save(state) {
      await mkdir(dir, { recursive: true });
      await adapter(state.name).write(state);
    },
    async remove(name) {
      adapters.delete(name);
      await rm(fileOf(name), { force: true });
    },
  };
}
