// A throw-away PostgreSQL server for the suite: initdb + pg_ctl in a temporary folder, on a free port of
// 127.0.0.1, run as a non-root user when the suite runs as root (the server refuses root). Never a mock:
// when the binaries are missing the run fails, saying how to get them.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../bench/scale-support.ts';

export type TestPostgres = {
  /** postgres://… of the server's `postgres` database (superuser `trax`, trust auth on loopback). */
  url: string;
  port: number;
  /** The server's main process (its backends are its children), or undefined while it is stopped. */
  pid(): number | undefined;
  /** Stops the server (fast shutdown) and starts it again on the same port and data. */
  restart(): void;
  stop(): void;
  start(): void;
  /** Stops the server and removes its folder. */
  destroy(): void;
};

const MISSING = `PostgreSQL's server binaries (initdb, pg_ctl) were not found. Install Debian's postgresql package
(apt-get install -y postgresql; .ci/run does), or put a PostgreSQL 15+ bin folder on PATH (TRAX_SIM_PG_BIN=...).`;

function binDir(): string {
  const candidates = [process.env.TRAX_SIM_PG_BIN];
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' }).stdout.trim();
  if (which) candidates.push(path.dirname(which));
  const base = '/usr/lib/postgresql';
  if (existsSync(base))
    for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(base, v, 'bin'));
  const found = candidates.find((d) => d && existsSync(path.join(d, 'initdb')) && existsSync(path.join(d, 'pg_ctl')));
  if (!found) throw new Error(MISSING);
  return found;
}

/** Runs a server binary as the owner of the data folder (`postgres` when we are root). */
function run(bin: string, args: string[], asUser: string | null): void {
  const [cmd, argv] = asUser ? ['runuser', ['-u', asUser, '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * `fsync: true` for measurements (a production server's setting); the suite's default leaves it off: a test
 * server's data need not survive the machine, only restarts (which flush it).
 */
export async function startTestPostgres({ fsync = false }: { fsync?: boolean } = {}): Promise<TestPostgres> {
  const bin = binDir();
  const root = process.getuid?.() === 0;
  const asUser = root ? 'postgres' : null;
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  if (asUser) execFileSync('chown', [asUser, dir]);
  run(path.join(bin, 'initdb'), ['-D', data, '-U', 'trax', '--auth=trust', '-E', 'UTF8', '--no-sync'], asUser);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${fsync ? 'on' : 'off'} -c max_connections=200`;
  const pgCtl = (...args: string[]) =>
    run(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', path.join(dir, 'log'), ...args], asUser);
  const start = () => pgCtl('-o', options, 'start');
  const stop = () => pgCtl('-m', 'fast', 'stop');
  start();
  return {
    url: `postgres://trax@127.0.0.1:${port}/postgres`,
    port,
    pid: () => {
      try {
        return Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        return undefined;
      }
    },
    start,
    stop,
    restart: () => {
      stop();
      start();
    },
    destroy: () => {
      try {
        stop();
      } catch {
        /* already stopped */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
