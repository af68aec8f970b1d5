// The bench rows of behaviour coverage (issue 23): what recording costs a payment, in one run, interleaved
// with the same server started with --no-coverage (which goes first alternating, at least five rounds); and
// reading a big sandbox's coverage against the demo's.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { basic, paymentState, summaryState, writeDataDir } from './fixtures.ts';
import { serve } from './scale-support.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const ROUNDS = Math.max(5, Number(process.env.BENCH_ROUNDS ?? 2));

const cannon = (opts: Parameters<typeof autocannon>[0]) =>
  new Promise<Result>((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function loaded(template: string, extra: string[], request: Parameters<typeof autocannon>[0]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-bench-coverage-'));
  cpSync(template, dir, { recursive: true });
  const server = await serve(dir, 600_000, extra);
  try {
    const opts = { ...request, url: `${server.url}${request.url}`, connections: CONNECTIONS };
    await cannon({ ...opts, duration: 1 });
    const r = await cannon({ ...opts, duration: DURATION });
    if (r.non2xx || r.errors) throw new Error(`${request.url}: non-2xx ${r.non2xx}, errors ${r.errors}`);
    return r.requests.average;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function coverageRows(): Promise<{ lines: string[]; checks: [string, boolean][] }> {
  const work = mkdtempSync(path.join(tmpdir(), 'trax-bench-coverage-'));
  try {
    const pay = path.join(work, 'pay');
    const state = paymentState(1_000);
    const methodId = state.billingMethods.find((m) => m.customerId === state.logins[0]!.customerId)!.id;
    writeDataDir(pay, state);
    const payment = {
      url: '/alarm-com/api/billing/payments',
      method: 'POST' as const,
      headers: { authorization: basic('payer', 'payer-pass'), 'content-type': 'application/json' },
      body: JSON.stringify({ amountCents: 100, billingMethodId: methodId }),
    };
    // Two sandboxes in one data folder: the demo (the default sandbox, made at start-up) and 100,000 customers.
    const read = path.join(work, 'read');
    writeDataDir(read, { ...summaryState(100_000), name: 'big' });
    const on: number[] = [];
    const off: number[] = [];
    const small: number[] = [];
    const big: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Which goes first alternates: the second server of a round found the disk and caches warmer.
      const order: [number[], string[]][] = [
        [on, []],
        [off, ['--no-coverage']],
      ];
      for (const [samples, extra] of round % 2 ? order.reverse() : order)
        samples.push(await loaded(pay, extra, payment));
      const server = await serve(read);
      try {
        const each = async (sandbox: string) => {
          const url = `${server.url}/sandboxes/${sandbox}/__sim/coverage`;
          await (await fetch(url)).arrayBuffer(); // loads the sandbox: its first use, not what is measured
          const r = await cannon({ url, connections: CONNECTIONS, duration: DURATION });
          if (r.non2xx || r.errors) throw new Error(`coverage of ${sandbox}: non-2xx ${r.non2xx}`);
          return r.requests.average;
        };
        small.push(await each('default'));
        big.push(await each('big'));
      } finally {
        await server.stop();
      }
      console.log(
        `coverage round ${round + 1}: payments on ${Math.round(on.at(-1)!)} / off ${Math.round(off.at(-1)!)} req/s; coverage reads small ${Math.round(small.at(-1)!)} / big ${Math.round(big.at(-1)!)} req/s`,
      );
    }
    const recording = median(on) / median(off);
    const reading = median(small) / median(big);
    return {
      lines: [
        '| behaviour coverage (issue 23) | value |',
        '| --- | --- |',
        `| payments/s with coverage recorded / with --no-coverage (1,000 invoices, data folder) | ${Math.round(median(on))} / ${Math.round(median(off))} = ${recording.toFixed(2)} (${ROUNDS} interleaved rounds, medians) |`,
        `| time to read coverage, 100,000-customer sandbox / the demo sandbox | ${reading.toFixed(2)} (${Math.round(median(big))} vs ${Math.round(median(small))} req/s) |`,
      ],
      checks: [
        [`payments with coverage recorded >= 0.95 x without: ${recording.toFixed(2)}`, recording >= 0.95],
        [`reading a 100,000-customer sandbox's coverage <= 2 x the demo's: ${reading.toFixed(2)}`, reading <= 2],
      ],
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
