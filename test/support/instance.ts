// A real trax-sim process (`trax-sim serve` under tsx) for tests of a shared deployment: several instances,
// one database, killed and restarted like production processes.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export type Instance = {
  url: string;
  process: ChildProcess;
  /** Everything it printed on stderr so far. */
  stderr(): string;
  /** SIGKILL (or another signal), resolved once it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
};

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The test's environment, without the variables that would change the deployment (flags say it all). */
function withoutDeploymentEnv(): NodeJS.ProcessEnv {
  const { TRAX_SIM_ADMIN_TOKEN: _token, TRAX_SIM_DATABASE_URL: _url, ...env } = process.env;
  return env;
}

/** The CLI with these arguments; resolves with its exit code and output once it ends. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...withoutDeploymentEnv(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `trax-sim serve --database URL --port 0 --quiet ...args`, once it prints where it listens. */
export function startInstance(database: string, args: string[] = []): Promise<Instance> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'serve', '--database', database, '--port', '0', '--quiet', ...args],
    { cwd: ROOT, env: withoutDeploymentEnv() },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`trax-sim serve exited (${code}) before listening: ${stderr.trim() || stdout.trim()}`));
    child.once('exit', onExit);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (!url) return;
      child.off('exit', onExit);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        url,
        process: child,
        stderr: () => stderr,
        async kill(signal = 'SIGKILL') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
  });
}
