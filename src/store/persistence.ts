import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, rename, rm, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import type { TextFile } from 'lowdb/node';
import type { SandboxDocument } from '../domain/types.ts';
import { replayLog } from './patch-log.ts';
import { parseSnapshot, serializeSnapshotParts, type SnapshotSource } from './snapshot.ts';

/** Appends up to this many characters (most commits: a payment is ~1,000) are written synchronously; bigger ones
 *  (a month of a big dealer's clock) go through the thread pool so the event loop is not held. */
const SYNC_APPEND_MAX = 64 * 1024;

export { encodeLogEntry } from './patch-log.ts';

/** A sandbox as found on disk: its document (snapshot + replayed log) and the seq of the last patch in it. */
type StoredSandbox = { doc: SandboxDocument; seq: number; logBytes: number; snapshotBytes: number };

/**
 * Where sandboxes live between runs. Each sandbox is a snapshot (lowdb JSON file) plus an append-only
 * write-ahead log of the patches committed since; a durable write costs the size of the change.
 */
export type Persistence = {
  /** False when nothing outlives the process (the store then skips encoding log lines). */
  readonly durable: boolean;
  /** Names of the sandboxes on disk (their files are not read). */
  listNames(): Promise<string[]>;
  /**
   * Reads one sandbox (snapshot + log replay), synchronously: parsing the JSON blocks the event loop
   * either way, and a synchronous load keeps the store's get/require synchronous for every caller.
   */
  load(name: string): StoredSandbox | undefined;
  /** Rewrites the sandbox's snapshot with the whole sandbox; `seq` is the last patch it contains. */
  writeSnapshot(name: string, source: SnapshotSource, seq: number): Promise<number>;
  /** Appends encoded log lines (see encodeLogEntry); resolves once written (and synced, if configured). */
  append(name: string, lines: string): Promise<void>;
  /** Replaces the whole log with `lines` atomically (after a snapshot: only the patches committed since). */
  resetLog(name: string, lines: string): Promise<void>;
  remove(name: string): Promise<void>;
  /** Lets go of what is held open (the store closing); later calls open again. */
  close?(): void;
  /**
   * Copies a sandbox's files (snapshot and log, as they are; the snapshot as a hard link where possible) under another name: all or nothing, a crash
   * mid-way leaves no sandbox `to`. The caller makes sure `from` is fully written and stays unchanged
   * meanwhile. Absent when nothing is on disk (the store then writes the clone's snapshot).
   */
  copy?(from: string, to: string): Promise<{ logBytes: number; snapshotBytes: number }>;
};

/** Nothing outlives the process: the store's state in memory is already the truth, nothing to copy. */
export function memoryPersistence(): Persistence {
  return {
    durable: false,
    listNames: async () => [],
    load: () => undefined,
    writeSnapshot: async () => 0,
    append: async () => undefined,
    resetLog: async () => undefined,
    remove: async () => undefined,
  };
}

export type FilePersistenceOptions = {
  /** fsync the log after each append and the snapshot before the log is cut (default false: a write
   *  completes into the OS page cache, which survives a crash of the process but not of the machine). */
  fsync?: boolean;
};

/**
 * `DIR/sandboxes/<name>.json` (snapshot, written atomically: temp file + rename, by lowdb or, over 4 MB, part by part) and
 * `DIR/sandboxes/<name>.wal` (one JSON line per committed patch). On load the snapshot is read and the
 * log replayed; a torn last line (a crash mid-append) is ignored and cut off.
 */
export function jsonFilePersistence(dataDir: string, options: FilePersistenceOptions = {}): Persistence {
  const dir = path.join(dataDir, 'sandboxes');
  const fsync = options.fsync ?? false;
  const snapshots = new Map<string, TextFile>();
  const snapshotWrites = new Map<string, Promise<void>>();
  // lowdb is loaded with the first file access, not at start-up (an in-memory server never needs it).
  let lowdb: Promise<typeof import('lowdb/node')> | undefined;
  const textFile = () => (lowdb ??= import('lowdb/node'));
  const snapshotFile = (name: string) => path.join(dir, `${name}.json`);
  const logFile = (name: string) => path.join(dir, `${name}.wal`);
  const snapshotAdapter = async (name: string): Promise<TextFile> => {
    let a = snapshots.get(name);
    if (!a) {
      const { TextFile: File } = await textFile();
      a = snapshots.get(name) ?? new File(snapshotFile(name));
      snapshots.set(name, a);
    }
    return a;
  };
  const syncFile = async (file: string) => {
    const fh = await open(file, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  };
  /** Each sandbox's log, open for appending (O_APPEND) from its first small append until it is cut or replaced. */
  const logFds = new Map<string, number>();
  const closeLog = (name: string) => {
    const fd = logFds.get(name);
    if (fd === undefined) return;
    logFds.delete(name);
    closeSync(fd);
  };
  let made: Promise<unknown> | undefined;
  const ensureDir = () => (made ??= mkdir(dir, { recursive: true }));

  return {
    durable: true,
    async listNames() {
      await ensureDir();
      const files = await readdir(dir);
      const names = files
        .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
        .map((f) => f.slice(0, -'.json'.length))
        .sort();
      // A log without a snapshot belongs to a sandbox deleted mid-way: it must not leak into a new one.
      for (const f of files) {
        if (f.endsWith('.wal') && !f.startsWith('.') && !names.includes(f.slice(0, -'.wal'.length)))
          await rm(path.join(dir, f), { force: true });
      }
      return names;
    },
    load(name) {
      let text: string;
      try {
        text = readFileSync(snapshotFile(name), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      let loaded: { doc: SandboxDocument; seq: number };
      try {
        loaded = parseSnapshot(text);
      } catch (err) {
        throw new Error(
          `${snapshotFile(name)} is not valid JSON (${(err as Error).message}); move it away to start without this sandbox.`,
        );
      }
      // The file names the sandbox: a clone's files are its source's, copied as they are.
      loaded.doc.name = name;
      const replayed = replayLog(logFile(name), loaded.doc, loaded.seq);
      return { doc: loaded.doc, seq: replayed.seq, logBytes: replayed.bytes, snapshotBytes: text.length };
    },
    writeSnapshot(name, source, seq) {
      // Started before any await: the snapshot must be the sandbox as of `seq`, not a later one.
      const serialized = serializeSnapshotParts(source, seq);
      // Snapshots of one sandbox reach the disk in the order they were asked for, however long each took
      // to serialise: a compaction's older picture must never land after a reset's newer one.
      const previous = snapshotWrites.get(name) ?? Promise.resolve();
      const written = previous.then(async () => {
        await ensureDir();
        const parts = await serialized;
        const length = parts.reduce((n, p) => n + p.length, 0);
        // lowdb writes one string (temp file + rename). A big snapshot is written the same way part by
        // part: joining and encoding hundreds of MB at once would stall the event loop for a while.
        if (length <= STREAM_SNAPSHOT_ABOVE) await (await snapshotAdapter(name)).write(parts.join(''));
        else await writeInParts(path.join(dir, `.${name}.json.parts`), snapshotFile(name), parts);
        if (fsync) await syncFile(snapshotFile(name));
        return length;
      });
      snapshotWrites.set(
        name,
        written.then(
          () => undefined,
          () => undefined,
        ),
      );
      return written;
    },
    async append(name, lines) {
      // A small append is written at once, one write(2) on the log kept open: open, write and close through
      // the thread pool cost three event-loop round trips, and every answer waiting on the log waits for them.
      if (!fsync && lines.length <= SYNC_APPEND_MAX) {
        let fd = logFds.get(name);
        if (fd === undefined) {
          await ensureDir();
          fd = logFds.get(name) ?? openSync(logFile(name), 'a');
          logFds.set(name, fd);
        }
        writeAll(fd, lines);
        return;
      }
      await ensureDir();
      const fh = await open(logFile(name), 'a');
      try {
        await fh.write(lines);
        if (fsync) await fh.datasync();
      } finally {
        await fh.close();
      }
    },
    async resetLog(name, lines) {
      closeLog(name); // the log is cut or replaced by another file: the next append opens it again
      await ensureDir();
      if (lines === '') {
        await truncate(logFile(name), 0).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
        });
        return;
      }
      const temp = path.join(dir, `.${name}.wal.tmp`);
      const fh = await open(temp, 'w');
      try {
        await fh.write(lines);
        if (fsync) await fh.datasync();
      } finally {
        await fh.close();
      }
      await rename(temp, logFile(name));
    },
    async copy(from, to) {
      await ensureDir();
      await snapshotWrites.get(from);
      const temp = (file: string) => path.join(dir, `.${path.basename(file)}.copy`);
      // A reflink where the file system has them (no bytes copied), a plain copy elsewhere.
      const copyTo = async (src: string, dest: string) => {
        await rm(dest, { force: true });
        await copyFile(src, dest, constants.COPYFILE_FICLONE);
        if (fsync) await syncFile(dest);
        return (await stat(dest)).size;
      };
      // A snapshot file is never changed in place (a new one is written aside and renamed over it), so the
      // clone's can be a second name for the same file; the log is appended to, so it is copied.
      const linkTo = async (src: string, dest: string) => {
        await rm(dest, { force: true });
        try {
          await link(src, dest);
          return (await stat(dest)).size;
        } catch {
          return copyTo(src, dest);
        }
      };
      const snapshotBytes = await linkTo(snapshotFile(from), temp(snapshotFile(to)));
      const logBytes = await copyTo(logFile(from), temp(logFile(to))).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
        return -1;
      });
      closeLog(to);
      // The log first, the snapshot last: a log without its snapshot is removed at the next start.
      if (logBytes >= 0) await rename(temp(logFile(to)), logFile(to));
      else await rm(logFile(to), { force: true });
      await rename(temp(snapshotFile(to)), snapshotFile(to));
      return { logBytes: Math.max(logBytes, 0), snapshotBytes };
    },
    async remove(name) {
      await snapshotWrites.get(name);
      snapshots.delete(name);
      // The snapshot first: a crash in between leaves a log without snapshot, which the next load removes.
      await rm(snapshotFile(name), { force: true });
      closeLog(name);
      await rm(logFile(name), { force: true });
    },
    close() {
      for (const name of [...logFds.keys()]) closeLog(name);
    },
  };
}

/** Writes all of `text`: a regular file takes it in one write; a short write has the rest written after it. */
function writeAll(fd: number, text: string): void {
  const written = writeSync(fd, text);
  const bytes = Buffer.byteLength(text);
  if (written === bytes) return;
  const rest = Buffer.from(text).subarray(written);
  for (let at = 0; at < rest.length; ) at += writeSync(fd, rest, at, rest.length - at);
}

/** Snapshots longer than this (characters) are written part by part. */
const STREAM_SNAPSHOT_ABOVE = 4 * 1024 * 1024;

/** Writes `parts` to `temp` in writes of about 1 MB, then renames it over `file` (atomic, like lowdb). */
async function writeInParts(temp: string, file: string, parts: readonly string[]): Promise<void> {
  const fh = await open(temp, 'w');
  try {
    let batch: string[] = [];
    let size = 0;
    for (const part of parts) {
      batch.push(part);
      size += part.length;
      if (size < 1024 * 1024) continue;
      await fh.writeFile(batch.join(''));
      batch = [];
      size = 0;
    }
    if (batch.length) await fh.writeFile(batch.join(''));
  } finally {
    await fh.close();
  }
  await rename(temp, file);
}
