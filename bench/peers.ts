// The servers a user would pick instead of trax-sim, measured beside it in the same run: WireMock 3 (the
// `wiremock` package's standalone jar, Java 17) stubbed to answer the very bytes trax-sim answers, without
// its request journal, JIT-warmed until its throughput settles; and Prism 5 mocking spec/openapi.yaml. Each is
// started once and stays up through the rounds (a JVM measured cold would flatter trax-sim). A peer that
// cannot start is skipped with the reason: the bench never fails because of a peer.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { freePort } from './scale-support.ts';

export type Load = { method: string; path: string; headers?: Record<string, string>; body?: string };
/** One answer as trax-sim gave it: what the WireMock stub repeats. */
export type Answer = { status: number; contentType: string; body: string };
export type Peer = { key: string; label: string; port: number; stop(): Promise<void> };
type PeerStart = { peer: Peer } | { skip: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const load = (port: number, req: Load, connections: number, duration: number) =>
  new Promise<Result>((resolve, reject) =>
    autocannon({ url: `http://127.0.0.1:${port}${req.path}`, connections, duration, ...req }, (err, res) =>
      err ? reject(err) : resolve(res),
    ),
  );

/** Spawns `cmd` and waits until `ready(port)` holds; stdout is dropped (Prism logs every request). */
async function startPeer(
  key: string,
  label: string,
  cmd: string,
  args: (port: number) => string[],
  ready: (port: number) => Promise<boolean>,
  timeoutMs: number,
): Promise<Peer> {
  const port = await freePort();
  const child: ChildProcess = spawn(cmd, args(port), { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + d).slice(-2_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = new Promise<Error>((resolve) => child.once('error', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, sleep(5_000)]);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const error = await Promise.race([failed, sleep(50).then(() => null)]);
    if (error) throw new Error(`${cmd} could not be started: ${error.message}`);
    if (child.exitCode !== null) throw new Error(`${label} exited with ${child.exitCode}: ${err.trim()}`);
    if (await ready(port)) return { key, label, port, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${label} did not answer within ${timeoutMs / 1000} s`);
    }
  }
}

const answers = async (url: string, init?: RequestInit) => {
  try {
    const res = await fetch(url, init);
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
};

/**
 * WireMock with one stub per load (method and path matched; the answer's status, content type and body as
 * trax-sim sent them), started without its request journal, then loaded in turns of `turnSeconds` on every
 * stub until at least `minSeconds` have passed and each stub's last two turns are within 5% of each other.
 */
async function startWireMock(stubs: { req: Load; answer: Answer }[], workDir: string): Promise<PeerStart> {
  let jar: string;
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('wiremock/package.json'));
    jar = path.join(dir, 'build', 'wiremock-standalone-3.13.2.jar');
  } catch {
    return { skip: 'the wiremock package is not installed' };
  }
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) return { skip: `no Java runtime (${java.error?.message ?? java.stderr})` };
  const root = path.join(workDir, 'wiremock');
  mkdirSync(path.join(root, 'mappings'), { recursive: true });
  for (const [i, { req, answer }] of stubs.entries()) {
    writeFileSync(
      path.join(root, 'mappings', `stub${i}.json`),
      JSON.stringify({
        request: { method: req.method, url: req.path },
        response: { status: answer.status, headers: { 'content-type': answer.contentType }, body: answer.body },
      }),
    );
  }
  const args = (port: number) => [
    '-jar',
    jar,
    '--port',
    String(port),
    '--root-dir',
    root,
    '--no-request-journal',
    '--disable-banner',
  ];
  try {
    const peer = await startPeer(
      'wiremock',
      'WireMock 3.13.2 (--no-request-journal)',
      'java',
      args,
      (port) => answers(`http://127.0.0.1:${port}/__admin/health`),
      60_000,
    );
    return { peer };
  } catch (err) {
    return { skip: (err as Error).message };
  }
}

/** Loads `port` in turns on each request until every one's last two turns agree within 5% (and minSeconds passed). */
async function warmUp(
  port: number,
  reqs: Load[],
  connections: number,
  opts = { minSeconds: 30, maxSeconds: 120, turnSeconds: 3 },
): Promise<string> {
  const t0 = performance.now();
  const seen: number[][] = reqs.map(() => []);
  const settled = () => seen.every((s) => s.length >= 2 && Math.abs(s.at(-1)! / s.at(-2)! - 1) <= 0.05);
  const elapsed = () => (performance.now() - t0) / 1000;
  while (elapsed() < opts.maxSeconds && (elapsed() < opts.minSeconds || !settled())) {
    for (const [i, req] of reqs.entries())
      seen[i]!.push((await load(port, req, connections, opts.turnSeconds)).requests.average);
  }
  const last = seen.map((s) => Math.round(s.at(-1)!).toLocaleString('en-US')).join(' / ');
  return `warmed ${Math.round(elapsed())} s (${settled() ? 'settled' : 'NOT settled'}: last turns ${last} req/s)`;
}

/** Prism 5 mocking the spec (examples as answers; it validates requests against the spec, as trax-sim does). */
async function startPrism(spec: string): Promise<PeerStart> {
  let cli: string;
  try {
    cli = path.join(
      path.dirname(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json')),
      'dist',
      'index.js',
    );
  } catch {
    return { skip: 'the @stoplight/prism-cli package is not installed' };
  }
  const args = (port: number) => [cli, 'mock', spec, '--port', String(port), '--host', '127.0.0.1'];
  try {
    const peer = await startPeer(
      'prism',
      'Prism 5.14.2 (mock of spec/openapi.yaml)',
      process.execPath,
      args,
      (port) => answers(`http://127.0.0.1:${port}/alarm-com/api/billing/summary`),
      60_000,
    );
    return { peer };
  } catch (err) {
    return { skip: (err as Error).message };
  }
}

/** The peers that started (WireMock warmed), and per peer its warm-up or the reason it was skipped. */
export async function openPeers(
  stubs: { req: Load; answer: Answer }[],
  workDir: string,
  spec: string,
  connections: number,
): Promise<{ peers: Peer[]; notes: Map<string, string> }> {
  const peers: Peer[] = [];
  const notes = new Map<string, string>();
  const wiremock = await startWireMock(stubs, workDir);
  if ('skip' in wiremock) notes.set('wiremock', `skipped: ${wiremock.skip}`);
  else {
    peers.push(wiremock.peer);
    const note = await warmUp(
      wiremock.peer.port,
      stubs.map((s) => s.req),
      connections,
    );
    notes.set('wiremock', note);
  }
  const prism = await startPrism(spec);
  if ('skip' in prism) notes.set('prism', `skipped: ${prism.skip}`);
  else {
    peers.push(prism.peer);
    notes.set('prism', 'started once, 1 s warm-up before each measurement');
  }
  return { peers, notes };
}
