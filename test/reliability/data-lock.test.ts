// One process per data folder: a second server refuses with one line naming the holder and leaves every
// file byte-identical; a busy port is refused before the folder is touched; a lock left by a killed
// server is taken over; a clean stop releases it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataDir, procStartOf } from '../../src/store/data-lock.ts';
import { startServer } from '../../src/server.ts';
import { spawnServe, type CliServer } from '../support/spawn-cli.ts';
import { JANE } from '../support/test-app.ts';

const running: CliServer[] = [];
afterEach(async () => {
  for (const s of running.splice(0))
    if (s.child.exitCode === null && s.child.signalCode === null) await s.stop('SIGKILL');
});

/** Runs `trax-sim serve ...` expecting it to exit; its exit code and all it printed. */
function serveToExit(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

/** Every file of the data folder and its bytes. */
const contents = (dir: string) => {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = readFileSync(full, 'base64');
    }
  };
  walk(dir);
  return out;
};

const pay = (url: string) =>
  fetch(`${url}/alarm-com/api/billing/payments`, {
    method: 'POST',
    headers: { authorization: JANE, 'content-type': 'application/json' },
    body: JSON.stringify({
      amountCents: 7,
      newBillingMethod: {
        type: 'credit_card',
        card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
      },
    }),
  });

describe('data folder lock', () => {
  it('a second server on the folder (busy port or not) refuses in one line and touches nothing; a killed holder is taken over', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-lock-'));
    const first = await spawnServe(['--data', dir, '--quiet']);
    running.push(first);
    const paid = await pay(first.url);
    expect(paid.status).toBe(201);
    const paymentId = ((await paid.json()) as { id: number }).id;
    const before = contents(dir);
    const port = new URL(first.url).port;

    // Same port: refused before the folder is opened (the scenario would otherwise rewrite the sandbox).
    const busyPort = await serveToExit(['--data', dir, '--port', port, '--scenario', 'no-mmr']);
    expect(busyPort.code).not.toBe(0);
    expect(busyPort.output.trim()).toBe(
      `trax-sim: port ${port} on 127.0.0.1 is in use (by another trax-sim or another program); stop it or choose another with --port`,
    );
    expect(contents(dir)).toEqual(before);

    // Another port: the lock names the holder.
    const busyFolder = await serveToExit(['--data', dir, '--port', '0', '--scenario', 'no-mmr']);
    expect(busyFolder.code).not.toBe(0);
    expect(busyFolder.output.trim().split('\n')).toHaveLength(1);
    expect(busyFolder.output).toContain(`in use by another trax-sim (pid ${first.child.pid}, ${first.url})`);
    expect(contents(dir)).toEqual(before);
    // The first server was not disturbed.
    expect((await pay(first.url)).status).toBe(201);

    // Killed: its lock is stale and the next server takes it over, with everything acknowledged.
    await first.stop('SIGKILL');
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    const second = await spawnServe(['--data', dir, '--quiet']);
    running.push(second);
    const listed = await fetch(`${second.url}/alarm-com/api/billing/payments`, { headers: { authorization: JANE } });
    expect(((await listed.json()) as { items: { id: number }[] }).items.map((p) => p.id)).toContain(paymentId);
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(second.child.pid);
    // A clean stop releases it.
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  }, 60_000);

  it('in process: held, refused while held, taken over when the holder is gone or the file is torn', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-lock-'));
    const lock = lockDataDir(dir, { url: 'http://127.0.0.1:1' });
    expect(() => lockDataDir(dir)).toThrow(
      `data folder ${dir} is in use by another trax-sim (pid ${process.pid}, http://127.0.0.1:1)`,
    );
    lock.release();
    expect(existsSync(lock.file)).toBe(false);

    // A process that has exited: its pid is free.
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: Number(gone.stdout.trim()) }));
    const taken = lockDataDir(dir);
    expect(JSON.parse(readFileSync(taken.file, 'utf8')).pid).toBe(process.pid);
    taken.release();

    writeFileSync(path.join(dir, LOCK_FILE), '{"pid":12'); // died while writing it
    lockDataDir(dir).release();
  });

  it('a lock naming a live process that is not a trax-sim (a reused pid, or another program) is taken over by a server', async () => {
    if (process.platform !== 'linux') throw new Error('this test reads /proc: run it on Linux (as CI does)');
    const sleeper = spawn('sleep', ['1000'], { stdio: 'ignore' });
    try {
      const pid = sleeper.pid!;
      await new Promise<void>((resolve) => sleeper.once('spawn', () => resolve()));
      expect(procStartOf(pid)).toBeDefined();
      const dir = mkdtempSync(path.join(tmpdir(), 'trax-lock-'));
      const lockFile = path.join(dir, LOCK_FILE);
      // A trax-sim that crashed; its pid now belongs to `sleep`: the start time says it is another process.
      writeFileSync(lockFile, JSON.stringify({ pid, startedAt: new Date().toISOString(), procStart: '1' }));
      const server = await startServer({ dataDir: dir, port: 0, warn: () => {} });
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
      await server.close();
      // A lock without a start time (by hand, or an older trax-sim): `sleep` is no JavaScript runtime.
      writeFileSync(lockFile, JSON.stringify({ pid, startedAt: new Date().toISOString() }));
      const again = await startServer({ dataDir: dir, port: 0, warn: () => {} });
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
      await again.close();
      expect(sleeper.exitCode).toBeNull(); // it was alive all along
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('a live trax-sim holder is still refused, with or without its start time in the lock', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-lock-'));
    const lock = lockDataDir(dir, { url: 'http://127.0.0.1:1' });
    expect(JSON.parse(readFileSync(lock.file, 'utf8')).procStart).toBe(procStartOf(process.pid));
    expect(() => lockDataDir(dir)).toThrow(/in use by another trax-sim/);
    lock.release();
    // An older trax-sim's lock (no start time), held by a live node process: refused.
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
    expect(() => lockDataDir(dir)).toThrow(/in use by another trax-sim/);
  });
});
