// npm run bench: starts each server alone as a child process on 127.0.0.1, loads it with autocannon from
// this process (bounded: -c 10 -d 5 by default, after a 1 s warm-up), two interleaved rounds, medians,
// and prints one table whose ratios are all measured in this run. Then PASS/FAIL per target.
//
// Then start-up (spawn to first answer, as a ratio to a bare Hono server started the same way; also of the
// compiled package, bench/package-startup.ts), all scenarios
// replayed, RSS, and the whole test suite's wall time.
//
//   BENCH_CONNECTIONS=10 BENCH_DURATION=5 BENCH_ROUNDS=2 BENCH_STARTUP_RUNS=5 npm run bench
//   BENCH_SKIP_TESTS=1 npm run bench      # without the test-suite run
//   BENCH_SKIP_SCALE=1 npm run bench      # without the scale rows (bench/scale.ts, a few minutes at 100,000)
//   BENCH_SKIP_SHARED=1 npm run bench     # without the shared deployment's rows (bench/shared.ts, PostgreSQL)
//   BENCH_SKIP_COVERAGE=1 npm run bench   # without behaviour coverage's rows (bench/coverage.ts)
//   BENCH_SKIP_PEERS=1 npm run bench      # without WireMock and Prism (bench/peers.ts)
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { basic, paymentState, summaryState, writeDataDir } from './fixtures.ts';
import { DEMO_INTEGRATOR_KEY } from '../src/domain/securitytrax-access.ts';
import { scaleRows } from './scale.ts';
import { sharedRows } from './shared.ts';
import { coverageRows } from './coverage.ts';
import { freePort } from './scale-support.ts';
import { packageChecks, packageRows, packageStartup } from './package-startup.ts';
import { type Answer, type Load, type Peer, load, openPeers } from './peers.ts';
import { peerRows } from './peer-rows.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const STARTUP_RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 5);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/__sim/health`);
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

type Proc = { child: ChildProcess; port: number; output: () => string; stop(): Promise<void> };

async function startProcess(args: string[], port: number, timeoutMs = 120_000): Promise<Proc> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!(await healthy(port))) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`${args.join(' ')} did not answer within ${timeoutMs} ms:\n${out}`);
    await sleep(20);
  }
  return {
    child,
    port,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

const cannon = (opts: Parameters<typeof autocannon>[0]) =>
  new Promise<Result>((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));

type Target = {
  key: string;
  label: string;
  args: (port: number, dataDir: string | null) => string[];
  /** Snapshot template copied fresh into a data folder for every run. */
  template?: string;
  request: { method: string; path: string; headers?: Record<string, string>; body?: string };
};

type Sample = { rps: number; p99: number; rss: number; non2xx: number; errors: number };

const cli = (port: number, dataDir: string | null) => [
  '--import',
  'tsx',
  'src/cli.ts',
  'serve',
  '--port',
  String(port),
  ...(dataDir ? ['--data', dataDir] : ['--memory']),
  '--quiet',
];

async function measure(target: Target): Promise<Sample> {
  const port = await freePort();
  let dataDir: string | null = null;
  if (target.template) {
    dataDir = mkdtempSync(path.join(tmpdir(), `trax-bench-${target.key}-`));
    cpSync(target.template, dataDir, { recursive: true });
  }
  const proc = await startProcess(target.args(port, dataDir), port);
  try {
    const { method, path: p, headers = {}, body } = target.request;
    const opts = { url: `http://127.0.0.1:${port}${p}`, connections: CONNECTIONS, method, headers, body };
    const before = await sandboxPayments(port);
    const warm = await cannon({ ...opts, duration: 1 });
    const r = await cannon({ ...opts, duration: DURATION });
    const rss = rssMb(proc.child.pid!);
    // Payments: every 201 must be in the store. A few more may be recorded than counted: autocannon stops
    // at the deadline without counting the answers still in flight (at most one per connection and run).
    const after = await sandboxPayments(port);
    const acked = warm['2xx'] + r['2xx'];
    if (
      before !== null &&
      after !== null &&
      method === 'POST' &&
      (after - before < acked || after - before > acked + 2 * CONNECTIONS)
    ) {
      throw new Error(`${target.key}: ${acked} payments acknowledged but ${after - before} recorded`);
    }
    return {
      rps: r.requests.average,
      p99: r.latency.p99,
      rss,
      non2xx: r.non2xx + warm.non2xx,
      errors: r.errors + r.timeouts,
    };
  } finally {
    await proc.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function sandboxPayments(port: number): Promise<number | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/__sim/sandboxes/default`);
    if (!res.ok) return null;
    return ((await res.json()) as { counts: { payments: number } }).counts.payments;
  } catch {
    return null;
  }
}

/** One answer of a target's server (a fresh copy of its data): the bytes a WireMock stub repeats. */
async function answerOf(target: Target): Promise<Answer> {
  const port = await freePort();
  const dataDir = target.template ? mkdtempSync(path.join(tmpdir(), `trax-bench-answer-`)) : null;
  if (dataDir) cpSync(target.template!, dataDir, { recursive: true });
  const proc = await startProcess(target.args(port, dataDir), port);
  try {
    const { method, path: p, headers, body } = target.request;
    const res = await fetch(`http://127.0.0.1:${port}${p}`, { method, headers, body });
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
  } finally {
    await proc.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A peer's answers to one load, as a sample (its RSS is not read: a JVM's says nothing comparable). */
async function measurePeer(peer: Peer, req: Load): Promise<Sample> {
  const warm = await load(peer.port, req, CONNECTIONS, 1);
  const r = await load(peer.port, req, CONNECTIONS, DURATION);
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    rss: NaN,
    non2xx: r.non2xx + warm.non2xx,
    errors: r.errors + r.timeouts,
  };
}

type Startup = { cold: number; median: number; runs: number[]; firstApi: number; bare: number; ratio: number };

/** Start-up may take at most this many times a bare Hono server's, both started by tsx in the same run. */
const STARTUP_RATIO = 2;

/** Spawn to the first answered /__sim/health of a bare Hono server, started the same way (node --import tsx). */
async function bareStartupMs(): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-hono.ts', String(port)], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    for (;;) {
      if (await healthy(port)) return performance.now() - t0;
      if (child.exitCode !== null) throw new Error(`bare-hono exited with ${child.exitCode}`);
      if (performance.now() - t0 > 30_000) throw new Error('bare-hono did not start within 30 s');
      await sleep(2);
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Spawn to the first answered /__sim/health, and to the first answered validated API request after it. */
async function startupMs(): Promise<Startup> {
  const once = async () => {
    const port = await freePort();
    const t0 = performance.now();
    const child = spawn(process.execPath, cli(port, null), { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      for (;;) {
        if (await healthy(port)) break;
        if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
        if (performance.now() - t0 > 30_000) throw new Error('serve did not start within 30 s');
        await sleep(2);
      }
      const health = performance.now() - t0;
      // The first request that needs validation (a query parameter) also loads ajv and compiles a validator.
      // SecurityTrax (JSON:API): authenticate, then a filtered list with the bearer token.
      const st = `http://127.0.0.1:${port}/securitytrax/default/user/v1`;
      const key = { 'x-securitytrax-integratorkey': DEMO_INTEGRATOR_KEY };
      const auth = await fetch(`${st}/authenticate`, {
        method: 'POST',
        headers: { ...key, 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'dealer', password: 'dealer-pass' }),
      });
      const token = ((await auth.json()) as { data: { attributes: { token: string } } }).data.attributes.token;
      const res = await fetch(`${st}/customer_invoices?filter=${encodeURIComponent('customer_id = 1')}`, {
        headers: { ...key, authorization: `Bearer ${token}` },
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`first API request answered ${res.status}`);
      return { health, api: performance.now() - t0 };
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  };
  const cold = (await once()).health; // fills tsx's transform cache and the parsed-spec cache
  await bareStartupMs();
  // Interleaved with a bare Hono server started the same way: the machine's load moves both alike.
  const runs: { health: number; api: number }[] = [];
  const bare: number[] = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    runs.push(await once());
    bare.push(await bareStartupMs());
  }
  const health = median(runs.map((r) => r.health));
  return {
    cold,
    median: health,
    runs: runs.map((r) => r.health),
    firstApi: median(runs.map((r) => r.api)),
    bare: median(bare),
    ratio: health / median(bare),
  };
}

/** The whole test suite, as CI runs it (wall time). */
function testSuite(): Promise<{ ms: number; ok: boolean; summary: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let out = '';
    const add = (d: Buffer) => (out += stripVTControlCharacters(d.toString()));
    child.stdout!.on('data', add);
    child.stderr!.on('data', add);
    child.once('exit', (code) => {
      const files = /Test Files\s+(.+)/.exec(out)?.[1]?.trim() ?? '';
      const tests = /Tests\s+(.+)/.exec(out)?.[1]?.trim() ?? '';
      resolve({ ms: performance.now() - t0, ok: code === 0, summary: `${files}; tests ${tests}` });
    });
  });
}

async function scenarios(): Promise<string> {
  const file = path.join(ROOT, 'src/scenarios/runner.ts');
  let mod: { runAllScenarios?: () => Promise<{ passed: boolean }[]> };
  try {
    mod = (await import(pathToFileURL(file).href)) as typeof mod;
  } catch {
    return 'n/a';
  }
  if (typeof mod.runAllScenarios !== 'function') return 'n/a';
  const t0 = performance.now();
  const reports = await mod.runAllScenarios();
  const ms = performance.now() - t0;
  const passed = reports.filter((r) => r.passed).length;
  return `${reports.length} scenarios in ${Math.round(ms)} ms (${passed} passed${passed === reports.length ? '' : `, ${reports.length - passed} FAILED`})`;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'trax-bench-'));
  const t0 = performance.now();
  const templates: Record<string, string> = {};
  const summary = summaryState(1_000);
  templates.summary = path.join(work, 'summary');
  writeDataDir(templates.summary, summary);
  let payerMethodId = 0;
  for (const n of [1_000, 10_000, 100_000]) {
    templates[`pay${n}`] = path.join(work, `pay${n}`);
    const state = paymentState(n);
    payerMethodId = state.billingMethods.find((m) => m.customerId === state.logins[0]!.customerId)!.id;
    writeDataDir(templates[`pay${n}`]!, state);
  }
  const jsonMb = (k: string) =>
    (readFileSync(path.join(templates[k]!, 'sandboxes/default.json')).length / 1e6).toFixed(1);
  console.log(
    `fixtures built in ${Math.round(performance.now() - t0)} ms (summary ${summary.customers.length} customers / ${summary.invoices.length} invoices, ${jsonMb('summary')} MB; payments 1k ${jsonMb('pay1000')} MB, 10k ${jsonMb('pay10000')} MB, 100k ${jsonMb('pay100000')} MB)`,
  );

  // The end user in the middle of the list (Basic auth, request validation on, the normal server).
  const user = 500;
  const memorySnapshot = path.join(templates.pay1000!, 'sandboxes/default.json');
  const pay = (n: number): Target => ({
    key: `pay${n}`,
    label: `POST /alarm-com/api/billing/payments, ${n.toLocaleString('en-US')} invoices`,
    args: cli,
    template: templates[`pay${n}`],
    request: {
      method: 'POST',
      path: '/alarm-com/api/billing/payments',
      headers: { authorization: basic('payer', 'payer-pass'), 'content-type': 'application/json' },
      body: JSON.stringify({ amountCents: 100, billingMethodId: payerMethodId }),
    },
  });
  const targets: Target[] = [
    {
      key: 'bare',
      label: 'bare Hono, fixed JSON (ceiling)',
      args: (port) => ['--import', 'tsx', 'bench/bare-hono.ts', String(port)],
      request: { method: 'GET', path: '/__sim/health' },
    },
    {
      key: 'summary',
      label: 'GET /alarm-com/api/billing/summary, 1,000 customers',
      args: cli,
      template: templates.summary,
      request: {
        method: 'GET',
        path: '/alarm-com/api/billing/summary',
        headers: { authorization: basic(`user${user}`, `pass${user}`) },
      },
    },
    pay(1_000),
    {
      // The same payment on the in-memory store (nothing written): what --data is compared with.
      ...pay(1_000),
      key: 'paymem',
      label: 'POST /alarm-com/api/billing/payments, 1,000 invoices, --memory',
      args: (port) => ['--import', 'tsx', 'bench/memory-server.ts', String(port), memorySnapshot],
      template: undefined,
    },
    pay(10_000),
    pay(100_000),
  ];

  // Peers stay up through the rounds, each measured once per round after trax-sim's targets.
  const byKey = (k: string) => targets.find((t) => t.key === k)!;
  const { peers, notes } = process.env.BENCH_SKIP_PEERS
    ? { peers: [] as Peer[], notes: new Map<string, string>() }
    : await openPeers(
        await Promise.all(
          ['summary', 'paymem'].map(async (k) => ({ req: byKey(k).request, answer: await answerOf(byKey(k)) })),
        ),
        work,
        path.join(ROOT, 'spec/openapi.yaml'),
        CONNECTIONS,
      );
  const log = (round: number, key: string, s: Sample) =>
    console.log(
      `round ${round} ${key.padEnd(13)} ${Math.round(s.rps).toString().padStart(7)} req/s  p99 ${s.p99} ms  rss ${s.rss} MB${s.non2xx || s.errors ? `  (non-2xx ${s.non2xx}, errors ${s.errors})` : ''}`,
    );
  const samples = new Map<string, Sample[]>(targets.map((t) => [t.key, []]));
  const peerSamples = new Map<string, Sample[]>();
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      for (const t of targets) {
        const s = await measure(t);
        samples.get(t.key)!.push(s);
        log(round, t.key, s);
      }
      for (const peer of peers) {
        for (const [kind, target] of [
          ['get', 'summary'],
          ['post', 'paymem'],
        ] as const) {
          const s = await measurePeer(peer, byKey(target).request);
          const key = `${peer.key}-${kind}`;
          peerSamples.set(key, [...(peerSamples.get(key) ?? []), s]);
          log(round, key, s);
        }
      }
    }
  } finally {
    await Promise.all(peers.map((p) => p.stop()));
  }
  const startup = await startupMs();
  const installed = await packageStartup(ROOT, STARTUP_RUNS);
  const scenarioRow = await scenarios();
  rmSync(work, { recursive: true, force: true });
  const suite = process.env.BENCH_SKIP_TESTS ? null : await testSuite();
  const scale = process.env.BENCH_SKIP_SCALE
    ? null
    : await scaleRows({ paymentRps: median(samples.get('pay100000')!.map((x) => x.rps)) });
  const shared = process.env.BENCH_SKIP_SHARED ? null : await sharedRows();
  const coverage = process.env.BENCH_SKIP_COVERAGE ? null : await coverageRows();

  const med = (k: string, f: keyof Sample) => median(samples.get(k)!.map((s) => s[f]));
  const rps = (k: string) => med(k, 'rps');
  const bare = rps('bare');
  const lines = [
    `trax-sim benchmark: ${new Date().toISOString()}, Node ${process.version}, autocannon -c ${CONNECTIONS} -d ${DURATION} (after a 1 s warm-up), ${ROUNDS} interleaved rounds, medians`,
    '',
    '| target | req/s | p99 ms | vs bare Hono | RSS after (MB) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...targets.map(
      (t) =>
        `| ${t.label} | ${Math.round(rps(t.key)).toLocaleString('en-US')} | ${med(t.key, 'p99')} | ${(rps(t.key) / bare).toFixed(2)} | ${Math.round(med(t.key, 'rss'))} |`,
    ),
    '',
    `| other | value |`,
    '| --- | --- |',
    `| payments 100k / 1k invoices | ${(rps('pay100000') / rps('pay1000')).toFixed(2)} |`,
    `| payments 10k / 1k invoices | ${(rps('pay10000') / rps('pay1000')).toFixed(2)} |`,
    `| payments 1k invoices, --data / --memory | ${(rps('pay1000') / rps('paymem')).toFixed(2)} |`,
    `| start-up to first answered request (\`node --import tsx src/cli.ts serve --memory\`, GET /__sim/health) | ${Math.round(startup.median)} ms median of ${startup.runs.length} (cold first run ${Math.round(startup.cold)} ms); bare Hono the same way (\`node --import tsx bench/bare-hono.ts\`) ${Math.round(startup.bare)} ms; ratio ${startup.ratio.toFixed(2)} |`,
    `| start-up to first answered validated API request (SecurityTrax authenticate + GET customer_invoices?filter=customer_id = 1, loads ajv) | ${Math.round(startup.firstApi)} ms median |`,
    ...packageRows(installed),
    `| all scenarios replayed | ${scenarioRow} |`,
    `| RSS of this benchmark process after the run | ${rssMb(process.pid)} MB |`,
    `| whole test suite (\`vitest run\`, wall time) | ${suite ? `${(suite.ms / 1000).toFixed(1)} s, ${suite.summary}` : 'skipped (BENCH_SKIP_TESTS)'} |`,
  ];
  const bad = [...samples.entries()].filter(([, ss]) => ss.some((s) => s.non2xx || s.errors));
  const verdict = (ok: boolean | 'skip') => (ok === 'skip' ? 'SKIP' : ok ? 'PASS' : 'FAIL');
  const checks = [
    [`Billing summary >= 0.5 x bare Hono: ${(rps('summary') / bare).toFixed(2)}`, rps('summary') >= 0.5 * bare],
    [
      `payments at 100k invoices >= 0.5 x at 1k: ${(rps('pay100000') / rps('pay1000')).toFixed(2)}`,
      rps('pay100000') >= 0.5 * rps('pay1000'),
    ],
    [
      `start-up to first answered request <= ${STARTUP_RATIO} x bare Hono started the same way: ${startup.ratio.toFixed(2)} (${Math.round(startup.median)} / ${Math.round(startup.bare)} ms)`,
      startup.ratio <= STARTUP_RATIO,
    ],
    ...packageChecks(installed),
    [
      `every request answered 2xx: ${bad.length ? `non-2xx/errors in ${bad.map(([k]) => k).join(', ')}` : 'yes'}`,
      bad.length === 0,
    ],
    ...(suite
      ? ([
          // Its wall time is reported above, not judged: the bench judges ratios only.
          [
            `whole test suite green: ${suite.ok ? 'yes' : 'FAILED tests'} (${(suite.ms / 1000).toFixed(1)} s)`,
            suite.ok,
          ],
        ] as const)
      : []),
  ] as const;
  const labels = new Map([
    ['wiremock', 'WireMock 3.13.2, --no-request-journal, warmed'],
    ['prism', 'Prism 5.14.2, mock of spec/openapi.yaml'],
  ]);
  const vsPeers = process.env.BENCH_SKIP_PEERS ? null : peerRows(rps, peerSamples, notes, labels);
  if (vsPeers) lines.push('', ...vsPeers.lines);
  if (scale) lines.push('', ...scale.lines);
  if (shared) lines.push('', ...shared.lines);
  if (coverage) lines.push('', ...coverage.lines);
  const all: (readonly [string, boolean | 'skip'])[] = [
    ...checks,
    ...(vsPeers?.checks ?? []),
    ...(scale?.checks ?? []),
    ...(shared?.checks ?? []),
    ...(coverage?.checks ?? []),
  ];
  console.log(`\n${lines.join('\n')}\n`);
  for (const [label, ok] of all) console.log(`${verdict(ok)}  ${label}`);
  process.exitCode = all.every(([, ok]) => ok !== false) ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
