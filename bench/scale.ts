// The scale rows of `npm run bench` (issue: a big dealer's month-end). Each row is a ratio measured in
// this run, with PASS/FAIL. Servers run from data folders written here; the population is the
// big-dealer-month-end scenario's, resized (BENCH_SCALE_COUNT, default 100,000; the small one is a tenth).
//   BENCH_SKIP_SCALE=1 npm run bench     # without these rows
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findScenarioByName } from '../src/scenarios/catalog.ts';
import { buildState } from '../src/seeds/build-state.ts';
import { withGeneratedCount } from '../src/seeds/generate.ts';
import type { SandboxDocument } from '../src/domain/types.ts';
import { basic, summaryState, writeDataDir } from './fixtures.ts';
import { openLoopP99, postJson, ROOT, serve, timed, type Server } from './scale-support.ts';

/**
 * RSS per invoice (with its payments and events) before this work, 10,000 customers, measured with
 * bench/scale-memory.ts on the same population (summaryState(10000) + one month: 37,144 invoices).
 */
const RSS_PER_INVOICE_BEFORE = 2_629;

export type ScaleReport = { lines: string[]; checks: [string, boolean][]; ms: number };

const SCENARIO = 'big-dealer-month-end';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const fmt = (ms: number) => `${Math.round(ms).toLocaleString('en-US')} ms`;

function monthEnd(count: number): SandboxDocument {
  return buildState(
    'default',
    { kind: 'scenario', name: SCENARIO },
    withGeneratedCount(findScenarioByName(SCENARIO).given, count),
  ).state;
}

/** A second, small sandbox whose Billing summary is read while the big one advances. */
const other = (): SandboxDocument => ({ ...summaryState(1_000), name: 'other' });
const OTHER_USER = basic('user500', 'pass500');

async function withServer<T>(dir: string, fn: (s: Server) => Promise<T>): Promise<T> {
  const server = await serve(dir);
  try {
    return await fn(server);
  } finally {
    await server.stop();
  }
}

const sandbox = (name: string) => ({ 'x-sandbox': name });

/** POST /__sim/clock/advance {"by":"P1M"} on the big sandbox: ms and actions (invoices generated + charges tried). */
async function advance(s: Server): Promise<{ ms: number; actions: number }> {
  await timed(`${s.url}/__sim/clock`, { headers: sandbox('default') }); // loaded before timing
  const r = await postJson(`${s.url}/__sim/clock/advance`, { by: 'P1M' }, sandbox('default'));
  if (r.status !== 200) throw new Error(`advance answered ${r.status}: ${r.text.slice(0, 300)}`);
  // The answer lists the first page of events; the rest are read (untimed) through its `next` links.
  const isAction = (e: { type: string }) =>
    e.type === 'invoice.created' || e.type === 'payment.succeeded' || e.type === 'payment.failed';
  const first = JSON.parse(r.text) as { events: { type: string }[]; next: string | null };
  let actions = first.events.filter(isAction).length;
  for (let next = first.next; next !== null; ) {
    const page = await timed(`${s.url}${next}`, { headers: sandbox('default') });
    const body = JSON.parse(page.text) as { items: { type: string }[]; next: string | null };
    actions += body.items.filter(isAction).length;
    next = body.next;
  }
  return { ms: r.ms, actions };
}

function child(args: string[]): { ok: boolean; out: string; ms: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`, ms: performance.now() - t0 };
}

function memoryPerInvoice(
  count: number,
  work: string,
): { rssPerInvoice: number; heapPerInvoice: number; invoices: number } {
  const file = path.join(work, `memory-${count}.json`);
  const built = child(['--import', 'tsx', 'bench/scale-memory.ts', 'build', String(count), file]);
  if (!built.ok) throw new Error(built.out);
  const probed = child(['--expose-gc', '--import', 'tsx', 'bench/scale-memory.ts', 'probe', file]);
  if (!probed.ok) throw new Error(probed.out);
  rmSync(file, { force: true });
  return JSON.parse(probed.out.trim().split('\n').pop()!) as {
    rssPerInvoice: number;
    heapPerInvoice: number;
    invoices: number;
  };
}

/** `paymentRps`: one-time payment requests per second at 100,000 invoices, measured earlier in this run. */
export async function scaleRows({
  paymentRps,
  log = console.log,
}: {
  paymentRps: number;
  log?: (line: string) => void;
}): Promise<ScaleReport> {
  const t0 = performance.now();
  const big = Number(process.env.BENCH_SCALE_COUNT ?? 100_000);
  const small = Math.round(big / 10);
  const work = mkdtempSync(path.join(tmpdir(), 'trax-bench-scale-'));
  try {
    const dirs = { empty: path.join(work, 'empty'), big: path.join(work, 'big'), small: path.join(work, 'small') };
    let t = performance.now();
    const o = other();
    for (const [dir, count] of [
      [dirs.small, small],
      [dirs.big, big],
    ] as const) {
      writeDataDir(dir, monthEnd(count));
      writeDataDir(dir, o);
    }
    writeDataDir(dirs.empty, { ...o, name: 'unused' });
    rmSync(path.join(dirs.empty, 'sandboxes', 'unused.json'));
    log(
      `scale fixtures (${big.toLocaleString('en-US')} and ${small.toLocaleString('en-US')} customers, generated) built and written in ${fmt(performance.now() - t)}`,
    );

    // Start-up to the first answer, and clones, on the server holding the big sandbox.
    const emptyStarts: number[] = [];
    for (let i = 0; i < 3; i++) emptyStarts.push(await withServer(dirs.empty, async (s) => s.startMs));
    const clone = await withServer(dirs.big, async (s) => {
      await postJson(`${s.url}/__sim/sandboxes`, { name: 'demo', seed: 'demo' });
      const demo: number[] = [];
      for (let i = 0; i < 3; i++)
        demo.push((await postJson(`${s.url}/__sim/sandboxes`, { name: `demo-copy-${i}`, from: 'demo' })).ms);
      await timed(`${s.url}/__sim/clock`, { headers: sandbox('default') });
      const bigClone = await postJson(`${s.url}/__sim/sandboxes`, { name: 'big-copy', from: 'default' });
      if (bigClone.status !== 201) throw new Error(`clone answered ${bigClone.status}: ${bigClone.text.slice(0, 300)}`);
      return { start: s.startMs, demo: median(demo), big: bigClone.ms };
    });
    log(
      `start-up: empty ${fmt(median(emptyStarts))}, big ${fmt(clone.start)}; clone: demo ${fmt(clone.demo)}, big ${fmt(clone.big)}`,
    );

    const smallAdvance = await withServer(dirs.small, advance);
    const bigAdvance = await withServer(dirs.big, advance);
    log(
      `P1M advance: ${small.toLocaleString('en-US')} customers ${fmt(smallAdvance.ms)}, ${big.toLocaleString('en-US')} customers ${fmt(bigAdvance.ms)} (${bigAdvance.actions.toLocaleString('en-US')} actions)`,
    );

    // Billing summary on the other sandbox, idle and while the big advance runs: one request every 10 ms
    // (open loop, so a blocked event loop delays every request sent meanwhile).
    const summary = await withServer(dirs.big, async (s) => {
      const url = `${s.url}/alarm-com/api/billing/summary`;
      const headers = { authorization: OTHER_USER, 'x-sandbox': 'other' };
      await timed(url, { headers });
      await timed(`${s.url}/__sim/clock`, { headers: sandbox('default') });
      const idle = await openLoopP99(url, headers, 10, 3_000);
      const busy = await openLoopP99(
        url,
        headers,
        10,
        postJson(`${s.url}/__sim/clock/advance`, { by: 'P1M' }, sandbox('default')),
      );
      return {
        idle: Math.round(idle.p99 * 10) / 10,
        busy: Math.round(busy.p99),
        requests: busy.count,
        failed: idle.failed + busy.failed,
      };
    });
    log(
      `summary p99 on another sandbox (a request every 10 ms): idle ${summary.idle} ms, during the big advance ${summary.busy} ms (${summary.requests} sent meanwhile, ${summary.failed} failed)`,
    );

    t = performance.now();
    const scenario = child(['--import', 'tsx', 'src/cli.ts', 'scenario', 'run', SCENARIO, '--count', String(big)]);
    log(
      `${SCENARIO} at ${big.toLocaleString('en-US')}: ${scenario.ok ? 'passed' : 'FAILED'} in ${fmt(performance.now() - t)}`,
    );

    const memSmall = memoryPerInvoice(small, work);
    const memBig = memoryPerInvoice(big, work);
    log(
      `memory per invoice: ${small.toLocaleString('en-US')} customers RSS ${Math.round(memSmall.rssPerInvoice)} B (heap ${Math.round(memSmall.heapPerInvoice)} B); ${big.toLocaleString('en-US')} customers RSS ${Math.round(memBig.rssPerInvoice)} B (heap ${Math.round(memBig.heapPerInvoice)} B)`,
    );

    const ratio = (a: number, b: number) => a / b;
    const advanceRatio = ratio(bigAdvance.ms, smallAdvance.ms);
    const actionRate = bigAdvance.actions / (bigAdvance.ms / 1000);
    const summaryRatio = ratio(summary.busy, Math.max(summary.idle, 1)); // idle p99 under 1 ms counts as 1 ms
    const cloneRatio = ratio(clone.big, clone.demo);
    const startRatio = ratio(clone.start, median(emptyStarts));
    const memRatio = ratio(memBig.rssPerInvoice, RSS_PER_INVOICE_BEFORE);
    const n = (x: number) => x.toFixed(2);
    const ms = performance.now() - t0;
    const lines = [
      `| scale (${big.toLocaleString('en-US')} vs ${small.toLocaleString('en-US')} customers) | value |`,
      '| --- | --- |',
      `| P1M advance, ${big.toLocaleString('en-US')} / ${small.toLocaleString('en-US')} customers | ${fmt(bigAdvance.ms)} / ${fmt(smallAdvance.ms)} = ${n(advanceRatio)}x |`,
      `| advance actions/s at ${big.toLocaleString('en-US')} vs one-time payments/s at 100,000 invoices | ${Math.round(actionRate).toLocaleString('en-US')} / ${Math.round(paymentRps).toLocaleString('en-US')} = ${n(actionRate / paymentRps)}x |`,
      `| summary p99 on another sandbox, during the big advance / idle | ${summary.busy} / ${summary.idle} ms = ${n(summaryRatio)}x |`,
      `| clone of the big sandbox / of the demo sandbox (durable server) | ${fmt(clone.big)} / ${fmt(clone.demo)} = ${n(cloneRatio)}x |`,
      `| start-up to first answer, big sandbox on disk / empty data folder | ${fmt(clone.start)} / ${fmt(median(emptyStarts))} = ${n(startRatio)}x |`,
      `| RSS per invoice at ${big.toLocaleString('en-US')} / before this work at 10,000 (${RSS_PER_INVOICE_BEFORE} B) | ${Math.round(memBig.rssPerInvoice)} B = ${n(memRatio)}x (heap ${Math.round(memBig.heapPerInvoice)} B; at ${small.toLocaleString('en-US')}: ${Math.round(memSmall.rssPerInvoice)} B) |`,
      `| ${SCENARIO} at ${big.toLocaleString('en-US')} customers | ${scenario.ok ? 'passed' : 'FAILED'} |`,
      `| scale rows took | ${fmt(ms)} |`,
    ];
    const checks: [string, boolean][] = [
      [
        `P1M advance ${big.toLocaleString('en-US')} / ${small.toLocaleString('en-US')} customers <= 12x: ${n(advanceRatio)}`,
        advanceRatio <= 12,
      ],
      [`advance actions/s >= 2 x one-time payments/s: ${n(actionRate / paymentRps)}`, actionRate >= 2 * paymentRps],
      [`summary p99 during a big advance <= 10 x idle: ${n(summaryRatio)}`, summaryRatio <= 10],
      [`clone big / demo <= 10x: ${n(cloneRatio)}`, cloneRatio <= 10],
      [`start-up with the big sandbox / empty <= 2x: ${n(startRatio)}`, startRatio <= 2],
      [`RSS per invoice at ${big.toLocaleString('en-US')} <= 0.5 x before at 10,000: ${n(memRatio)}`, memRatio <= 0.5],
      [`${SCENARIO} passes at ${big.toLocaleString('en-US')} customers`, scenario.ok],
    ];
    if (!scenario.ok) log(scenario.out.slice(-2_000));
    return { lines, checks, ms };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
