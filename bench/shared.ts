// The shared deployment's rows (npm run bench; BENCH_SKIP_SHARED=1 skips them): a real PostgreSQL server
// (fsync on, as in production) started here, instances as child processes, ratios measured in this run.
//   - payments/s, one instance on PostgreSQL / the embedded data folder   (target >= 0.25)
//   - three instances on three sandboxes / one instance on one             (target >= 1.5; cores reported)
//   - three instances on one sandbox / one instance                        (target >= 0.5, and 0 violations)
//   - start-up with 100 sandboxes in the database / an empty database       (target <= 2)
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { checkInvariants } from '../src/domain/invariants.ts';
import { copySandboxes } from '../src/store/copy-sandboxes.ts';
import { jsonFilePersistence } from '../src/store/persistence.ts';
import { openPostgres } from '../src/store/postgres/open-postgres.ts';
import { createStore } from '../src/store/sandbox-store.ts';
import { startTestPostgres, type TestPostgres } from '../test/support/postgres-server.ts';
import { startCpuMeter } from './cpu-meter.ts';
import { basic, paymentState, summaryState, writeDataDir } from './fixtures.ts';
import { freePort, ROOT } from './scale-support.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[(s.length >> 1) - 1]! + s[s.length >> 1]!) / 2;
};
const cannon = (opts: Parameters<typeof autocannon>[0]) =>
  new Promise<Result>((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));

type Proc = { port: number; pid: number; stop(): Promise<void>; startMs: number };

async function serve(args: string[]): Promise<Proc> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', String(port), '--quiet', ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve ${args.join(' ')} exited: ${err}`);
    const ok = await fetch(`http://127.0.0.1:${port}/__sim/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const startMs = performance.now() - t0;
  return {
    port,
    pid: child.pid!,
    startMs,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function createDatabase(server: TestPostgres, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name}`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The data folder's sandboxes copied into a new database, each under every name of `as`. */
async function seedDatabase(server: TestPostgres, name: string, dir: string, as: string[]): Promise<string> {
  const url = await createDatabase(server, name);
  const shared = await openPostgres(url, { maxSandboxes: 1_000 });
  const folder = await createStore(jsonFilePersistence(dir));
  await copySandboxes(folder, shared.store, { names: ['default'] });
  for (const copy of as.filter((n) => n !== 'default')) {
    await shared.store.sync('default');
    await shared.store.exclusive('default', () => shared.store.clone('default', copy));
  }
  await shared.close();
  return url;
}

/** `cpu`: seconds of CPU the instances, the database and this process used; cores: those per second. */
type Load = { rps: number; acked: number; non2xx: number; cpu?: { seconds: number; cores: number } };

/** Payments against each (port, sandbox) at once, CONNECTIONS each; total req/s, and the CPU it took. */
async function payments(
  targets: { port: number; sandbox: string }[],
  methodId: number,
  pids: number[] = [],
): Promise<Load> {
  const meter = startCpuMeter(pids);
  const runs = await Promise.all(
    targets.map(({ port, sandbox }) =>
      cannon({
        url: `http://127.0.0.1:${port}${sandbox === 'default' ? '' : `/sandboxes/${sandbox}`}/alarm-com/api/billing/payments`,
        connections: CONNECTIONS,
        duration: DURATION,
        method: 'POST',
        headers: { authorization: basic('payer', 'payer-pass'), 'content-type': 'application/json' },
        body: JSON.stringify({ amountCents: 100, billingMethodId: methodId }),
      }),
    ),
  );
  return {
    cpu: meter?.stop(),
    rps: runs.reduce((s, r) => s + r.requests.average, 0),
    acked: runs.reduce((s, r) => s + r['2xx'], 0),
    non2xx: runs.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0),
  };
}

/** 'skip': a target this machine cannot show (said why), neither a pass nor a failure. */
export type SharedRows = { lines: string[]; checks: [string, boolean | 'skip'][] };

export async function sharedRows(): Promise<SharedRows> {
  const work = mkdtempSync(path.join(tmpdir(), 'trax-bench-shared-'));
  const server = await startTestPostgres({ fsync: true });
  try {
    const template = path.join(work, 'pay');
    const state = paymentState(1_000);
    const methodId = state.billingMethods.find((m) => m.customerId === state.logins[0]!.customerId)!.id;
    writeDataDir(template, state);
    const demo = path.join(work, 'demo');
    writeDataDir(demo, { ...summaryState(10), name: 'default' });

    const embedded: number[] = [];
    const one: number[] = [];
    const threeApart: number[] = [];
    const threeTogether: number[] = [];
    const oneCores: number[] = [];
    const cpuPerPayment = { one: [] as number[], apart: [] as number[] };
    let violations = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const dir = path.join(work, `embedded-${round}`);
      cpSync(template, dir, { recursive: true });
      const e = await serve(['--data', dir]);
      embedded.push((await payments([{ port: e.port, sandbox: 'default' }], methodId)).rps);
      await e.stop();

      const single = await seedDatabase(server, `one_${round}`, template, ['default']);
      const i1 = await serve(['--database', single]);
      const alone = await payments([{ port: i1.port, sandbox: 'default' }], methodId, [i1.pid, server.pid()!]);
      one.push(alone.rps);
      if (alone.cpu) {
        oneCores.push(alone.cpu.cores);
        cpuPerPayment.one.push((alone.cpu.seconds * 1000) / alone.acked);
      }
      await i1.stop();

      const apart = await seedDatabase(server, `apart_${round}`, template, ['default', 's2', 's3']);
      const three = await Promise.all([0, 1, 2].map(() => serve(['--database', apart])));
      const spread = await payments(
        three.map((p, i) => ({ port: p.port, sandbox: ['default', 's2', 's3'][i]! })),
        methodId,
        [...three.map((p) => p.pid), server.pid()!],
      );
      threeApart.push(spread.rps);
      if (spread.cpu) cpuPerPayment.apart.push((spread.cpu.seconds * 1000) / spread.acked);
      await Promise.all(three.map((p) => p.stop()));

      const together = await seedDatabase(server, `together_${round}`, template, ['default']);
      const shared = await Promise.all([0, 1, 2].map(() => serve(['--database', together])));
      const load = await payments(
        shared.map((p) => ({ port: p.port, sandbox: 'default' })),
        methodId,
      );
      threeTogether.push(load.rps);
      await Promise.all(shared.map((p) => p.stop()));
      violations += await countViolations(together, load.acked);
    }

    // Start-up: to the first answered health, with 100 sandboxes in the database and with none.
    const empty = await createDatabase(server, 'startup_empty');
    const full = await seedDatabase(
      server,
      'startup_full',
      demo,
      Array.from({ length: 100 }, (_, i) => (i === 0 ? 'default' : `s${i}`)),
    );
    const startEmpty: number[] = [];
    const startFull: number[] = [];
    for (let i = 0; i < 5; i++)
      for (const [url, into] of [
        [empty, startEmpty],
        [full, startFull],
      ] as const) {
        const p = await serve(['--database', url]);
        into.push(p.startMs);
        await p.stop();
      }

    const r = {
      embedded: median(embedded),
      one: median(one),
      apart: median(threeApart),
      together: median(threeTogether),
      startEmpty: median(startEmpty),
      startFull: median(startFull),
    };
    const f = (n: number) => Math.round(n).toLocaleString('en-US');
    const cores = cpus().length;
    // Three instances can at most multiply one's throughput by the share of the machine one leaves unused.
    const used = oneCores.length ? median(oneCores) : undefined;
    const ceiling = used === undefined ? undefined : cores / used;
    const cpuRatio = cpuPerPayment.one.length ? median(cpuPerPayment.apart) / median(cpuPerPayment.one) : undefined;
    const scaleNote =
      used === undefined
        ? ''
        : `; one instance with its database and load used ${used.toFixed(2)} of ${cores} cores, so this machine leaves room for at most ${ceiling!.toFixed(2)}x; CPU per payment, three / one: ${cpuRatio!.toFixed(2)}x`;
    const scaleJudged = ceiling === undefined || ceiling >= 1.5;
    const lines = [
      `| shared deployment (PostgreSQL 15, fsync on; ${cpus().length} cores for everything: PostgreSQL, instances, load) | value |`,
      '| --- | ---: |',
      `| payments/s, one instance on PostgreSQL / the embedded data folder | ${f(r.one)} / ${f(r.embedded)} = ${(r.one / r.embedded).toFixed(2)}x |`,
      `| payments/s, three instances on three sandboxes / one instance on one | ${f(r.apart)} / ${f(r.one)} = ${(r.apart / r.one).toFixed(2)}x${scaleNote} |`,
      `| payments/s, three instances on one sandbox / one instance (violations) | ${f(r.together)} / ${f(r.one)} = ${(r.together / r.one).toFixed(2)}x (${violations}) |`,
      `| start-up, 100 sandboxes in the database / an empty database | ${f(r.startFull)} / ${f(r.startEmpty)} ms = ${(r.startFull / r.startEmpty).toFixed(2)}x |`,
    ];
    const checks: [string, boolean | 'skip'][] = [
      [`payments on PostgreSQL >= 0.25 x embedded: ${(r.one / r.embedded).toFixed(2)}`, r.one / r.embedded >= 0.25],
      scaleJudged
        ? [`three instances on three sandboxes >= 1.5 x one: ${(r.apart / r.one).toFixed(2)}`, r.apart / r.one >= 1.5]
        : [
            `three instances on three sandboxes >= 1.5 x one: not judged on ${cores} cores, where one instance already uses ${used!.toFixed(2)} (at most ${ceiling!.toFixed(2)}x is possible; measured ${(r.apart / r.one).toFixed(2)}x)`,
            'skip',
          ],
      [`three instances on one sandbox >= 0.5 x one: ${(r.together / r.one).toFixed(2)}`, r.together / r.one >= 0.5],
      [`three instances on one sandbox: 0 violations (${violations})`, violations === 0],
      [
        `start-up with 100 sandboxes <= 2 x empty: ${(r.startFull / r.startEmpty).toFixed(2)}`,
        r.startFull / r.startEmpty <= 2,
      ],
    ];
    return { lines, checks };
  } finally {
    server.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Invariant breaks, ids given twice, and acknowledged payments missing (autocannon may stop mid-flight: not more). */
async function countViolations(url: string, acked: number): Promise<number> {
  const shared = await openPostgres(url, {});
  try {
    await shared.store.sync('default');
    const state = shared.store.require('default');
    const broken = checkInvariants(state, shared.store.events('default')).length;
    const ids = new Set(state.payments.map((p) => p.id));
    const twice = state.payments.length - ids.size;
    const recorded = state.payments.filter((p) => p.amountCents === 100).length;
    return broken + twice + (recorded < acked ? acked - recorded : 0);
  } finally {
    await shared.close();
  }
}

// Run alone: npx tsx bench/shared.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  const { lines, checks } = await sharedRows();
  console.log(lines.join('\n'));
  for (const [what, ok] of checks) console.log(`${ok === 'skip' ? 'SKIP' : ok ? 'PASS' : 'FAIL'}  ${what}`);
}
