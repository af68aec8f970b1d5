import { mkdirSync, openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';

// One process per data folder. A pid file created with O_EXCL rather than a timed lock (proper-lockfile):
// that one goes stale only after a timeout during which a restarted server (after a crash) would have to
// wait, and it cannot say who holds it. Here the file names the holder (pid, url, and on Linux the
// process's start time in /proc), and a lock is taken over at once when its holder is gone: its pid is not
// alive, or (Linux) it is alive but is another process that got the same pid later, or not a JavaScript
// runtime at all (a trax-sim always runs in one).

export const LOCK_FILE = '.trax-sim.lock';

export type LockHolder = { pid: number; url?: string; startedAt?: string; procStart?: string };
export type DataLock = { file: string; release(): void };

class DataFolderBusy extends Error {
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

/** Linux: field 22 of /proc/<pid>/stat, the process's start time in clock ticks since boot; else undefined. */
export function procStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ")".
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Linux: the process's program (argv[0]'s base name); undefined where /proc cannot tell. */
function programOf(pid: number): string | undefined {
  try {
    const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    return path.basename(argv0).toLowerCase();
  } catch {
    return undefined;
  }
}

const JS_RUNTIME = /^(node|nodejs|bun|deno|tsx|trax-sim)(\.exe)?$|^node\d/;

/** Whether the lock's holder is still the process that wrote it (a pid alone may have been given again). */
function stillHeld(holder: LockHolder): boolean {
  if (!alive(holder.pid)) return false;
  const started = procStartOf(holder.pid);
  if (started === undefined) return true; // no /proc: a live pid is taken as the holder
  if (holder.procStart !== undefined) return started === holder.procStart;
  // A lock written without a start time (by hand, or an older trax-sim): the program must be a JS runtime.
  const program = programOf(holder.pid);
  return program === undefined || JS_RUNTIME.test(program);
}

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
  const mine = JSON.stringify({
    pid: process.pid,
    ...info,
    startedAt: new Date().toISOString(),
    procStart: procStartOf(process.pid),
  });
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
    if (found.holder && stillHeld(found.holder)) throw new DataFolderBusy(dir, found.holder);
    // Stale. Removed only if it is still the file judged stale (another process may be taking over too).
    if (readHolder(file)?.text === found.text) removeQuietly(file);
  }
  const holder = readHolder(file)?.holder;
  throw new DataFolderBusy(dir, holder ?? { pid: -1 });
}
