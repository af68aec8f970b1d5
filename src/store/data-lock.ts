import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';

// One process per data folder. A pid file created with O_EXCL rather than proper-lockfile: its lock
// goes stale only after a timeout during which a restarted server (after a crash) would have to wait,
// and it cannot say who holds it. Here the file names the holder (pid, url), and a lock whose pid is
// no longer alive (the holder was killed) is taken over at once.

export const LOCK_FILE = '.trax-sim.lock';

export type LockHolder = { pid: number; url?: string; startedAt?: string };
export type DataLock = { file: string; release(): void };

export class DataFolderBusy extends Error {
  constructor(dir: string, holder: LockHolder) {
    super(
      `data folder ${dir} is in use by another trax-sim (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}); stop it or choose another --data`,
    );
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
};

const readHolder = (file: string): { text: string; holder: LockHolder | null } | null => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const parsed = JSON.parse(text) as LockHolder;
    return { text, holder: Number.isInteger(parsed.pid) ? parsed : null };
  } catch {
    return { text, holder: null }; // torn write of a holder that died while writing: stale
  }
};

const removeQuietly = (file: string) => {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
};

/** Takes the data folder's lock (creating the folder), or throws DataFolderBusy naming the holder. */
export function lockDataDir(dir: string, info: Omit<LockHolder, 'pid'> = {}): DataLock {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const mine = JSON.stringify({ pid: process.pid, ...info, startedAt: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return {
        file,
        release() {
          // Only our own lock: never a later holder's.
          if (readHolder(file)?.text === mine) removeQuietly(file);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const found = readHolder(file);
    if (!found) continue; // released meanwhile
    if (found.holder && alive(found.holder.pid)) throw new DataFolderBusy(dir, found.holder);
    // Stale. Removed only if it is still the file judged stale (another process may be taking over too).
    if (readHolder(file)?.text === found.text) removeQuietly(file);
  }
  const holder = readHolder(file)?.holder;
  throw new DataFolderBusy(dir, holder ?? { pid: -1 });
}
