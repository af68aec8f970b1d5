// Process helpers for the scale rows (bench/scale.ts): a server on a free port, time to first answer, RSS.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type Server = { url: string; child: ChildProcess; startMs: number; stop(): Promise<void> };

/**
 * `trax-sim serve --data DIR`; resolves once /__sim/health answers, with the time that took. For tuning:
 * BENCH_SERVER_FLAGS (node flags, e.g. --trace-gc) and BENCH_SERVER_STDOUT=1 (show the server's output).
 */
export async function serve(dataDir: string, timeoutMs = 600_000, extra: string[] = []): Promise<Server> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      'src/cli.ts',
      'serve',
      '--port',
      String(port),
      '--data',
      dataDir,
      '--quiet',
      ...extra,
    ],
    { cwd: ROOT, stdio: ['ignore', process.env.BENCH_SERVER_STDOUT === '1' ? 'inherit' : 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const res = await fetch(`${url}/__sim/health`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${err}`);
    if (performance.now() - t0 > timeoutMs) throw new Error(`serve did not answer within ${timeoutMs} ms`);
    await sleep(10);
  }
  const startMs = performance.now() - t0;
  return {
    url,
    child,
    startMs,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One request, timed to its last byte; the body as text. */
export async function timed(
  url: string,
  init: RequestInit = {},
): Promise<{ ms: number; status: number; text: string }> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const text = await res.text();
  return { ms: performance.now() - t0, status: res.status, text };
}

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  timed(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/**
 * Open-loop latency: one request every `everyMs` whether or not earlier ones were answered (a blocked
 * server then delays every request sent meanwhile, not just one per connection), over at most 8
 * keep-alive connections (requests queue in the client, their time counted), until `until` settles or for
 * `until` ms. Returns the latencies' p99, how many were sent, and how many failed.
 */
export async function openLoopP99(
  url: string,
  headers: Record<string, string>,
  everyMs: number,
  until: Promise<unknown> | number,
): Promise<{ p99: number; count: number; failed: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const once = (): Promise<number | null> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.get(url, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200 ? performance.now() - t0 : null));
      });
      req.on('error', () => resolve(null));
    });
  const sent: Promise<number | null>[] = [];
  let done = false;
  const stop = typeof until === 'number' ? sleep(until) : until;
  void stop.finally(() => (done = true));
  while (!done) {
    sent.push(once());
    await sleep(everyMs);
  }
  const results = await Promise.all(sent);
  agent.destroy();
  const ok = results.filter((r): r is number => r !== null).sort((a, b) => a - b);
  return {
    p99: ok[Math.min(ok.length - 1, Math.floor(ok.length * 0.99))] ?? 0,
    count: results.length,
    failed: results.length - ok.length,
  };
}
