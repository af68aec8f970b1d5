// A fresh consumer project with the packed trax-sim installed: `npm run build`, `npm pack` into a temporary
// folder, a package.json and a lock cut from this repository's (consumer-lock.ts), then
// `npm ci --offline` from the npm cache, falling back to --prefer-offline if the cache lacks a package.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { consumerLock, type Lock, type LockEntry } from './consumer-lock.ts';

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

export type Run = { code: number; stdout: string; stderr: string };

/** Runs a command in `cwd`; resolves with its exit code and output (never rejects on a non-zero exit). */
export async function run(cwd: string, file: string, args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(file, args, {
      cwd,
      maxBuffer: 32 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? e.message };
  }
}

const must = (what: string, r: Run): Run => {
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
};

export type Consumer = { dir: string; files: string[] };

/** Packs trax-sim, makes a project that depends on the tarball and msw, and installs it. */
export async function installedConsumer(): Promise<Consumer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-consumer-'));
  must('npm run build', await run(ROOT, 'npm', ['run', 'build']));
  // prepack would build again: the build above is the one packed.
  const packed = JSON.parse(
    must('npm pack', await run(ROOT, 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir])).stdout,
  ) as { filename: string; files: { path: string }[] }[];
  const tarball = `file:${packed[0]!.filename}`;
  const repo = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  const deps = { 'trax-sim': tarball, msw: repo.packages['node_modules/msw']!.version! };
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: deps }, null, 2),
  );
  const self = {
    version: pkg.version,
    resolved: tarball,
    dependencies: pkg.dependencies,
    peerDependencies: pkg.peerDependencies,
    peerDependenciesMeta: pkg.peerDependenciesMeta,
    bin: pkg.bin,
    engines: pkg.engines,
  };
  const lock = consumerLock(repo, deps, { 'node_modules/trax-sim': self as LockEntry });
  writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
  const quiet = ['--no-audit', '--no-fund', '--ignore-scripts'];
  let installed = await run(dir, 'npm', ['ci', '--offline', ...quiet]);
  if (installed.code !== 0 && /ENOTCACHED/.test(installed.stderr))
    installed = await run(dir, 'npm', ['ci', '--prefer-offline', ...quiet]);
  must('npm ci', installed);
  cpSync(path.join(ROOT, 'test/package/consumer'), dir, { recursive: true });
  cpSync(path.join(ROOT, 'test/package/my-scenarios'), path.join(dir, 'my-scenarios'), { recursive: true });
  return { dir, files: packed[0]!.files.map((f) => f.path) };
}

/** A default-ish tsconfig (strict; no setting for trax-sim) with the given module resolution. */
export function writeTsconfig(dir: string, moduleResolution: 'node16' | 'bundler'): string {
  const file = `tsconfig.${moduleResolution}.json`;
  const module = moduleResolution === 'node16' ? 'node16' : 'esnext';
  const compilerOptions = {
    target: 'es2022',
    module,
    moduleResolution,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  writeFileSync(path.join(dir, file), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }, null, 2));
  return file;
}
