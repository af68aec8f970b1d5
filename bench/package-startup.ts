// Rows for the installed package (issue 12): start-up of the compiled CLI (`node dist/cli.js serve`, what
// the package's bin runs) to the first answered request, as a ratio to a bare node:http server started the
// same way in the same run, and the wall time of `trax-sim --help`. Runs are interleaved; medians.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export type PackageStartup = { trax: number; bare: number; ratio: number; help: number; runs: number };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Milliseconds from spawning `node ...args(port)` to its first answered GET /__sim/health. */
async function toFirstAnswer(root: string, args: (port: number) => string[]): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, args(port), { cwd: root, stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/__sim/health`).then(
        (r) => r.arrayBuffer().then(() => r.ok),
        () => false,
      );
      if (ok) return performance.now() - t0;
      if (child.exitCode !== null) throw new Error(`${args(port).join(' ')} exited with ${child.exitCode}`);
      if (performance.now() - t0 > 30_000) throw new Error(`${args(port).join(' ')} did not answer within 30 s`);
      await sleep(2);
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Wall time of one `node dist/cli.js --help`. */
function helpMs(root: string): number {
  const t0 = performance.now();
  execFileSync(process.execPath, ['dist/cli.js', '--help'], { cwd: root, stdio: 'ignore' });
  return performance.now() - t0;
}

/** Builds dist/ (npm run build), then measures; the first run of each (caches, disk) is not counted. */
export async function packageStartup(root: string, runs: number): Promise<PackageStartup> {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  const traxArgs = (port: number) => ['dist/cli.js', 'serve', '--memory', '--quiet', '--port', String(port)];
  const bareArgs = (port: number) => ['bench/bare-node-http.mjs', String(port)];
  await toFirstAnswer(root, traxArgs);
  await toFirstAnswer(root, bareArgs);
  helpMs(root);
  const trax: number[] = [];
  const bare: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < runs; i++) {
    trax.push(await toFirstAnswer(root, traxArgs));
    bare.push(await toFirstAnswer(root, bareArgs));
    help.push(helpMs(root));
  }
  return { trax: median(trax), bare: median(bare), ratio: median(trax) / median(bare), help: median(help), runs };
}

export const packageRows = (p: PackageStartup): string[] => [
  `| installed package start-up to first answered request (\`node dist/cli.js serve --memory\`, GET /__sim/health) | ${Math.round(p.trax)} ms median of ${p.runs}; bare node:http the same way ${Math.round(p.bare)} ms; ratio ${p.ratio.toFixed(2)} |`,
  `| \`trax-sim --help\` wall time (\`node dist/cli.js --help\`) | ${Math.round(p.help)} ms median of ${p.runs} |`,
];

export const packageChecks = (p: PackageStartup): [string, boolean][] => [
  [
    `installed package start-up <= 2 x bare node:http: ${p.ratio.toFixed(2)} (${Math.round(p.trax)} / ${Math.round(p.bare)} ms)`,
    p.ratio <= 2,
  ],
];
