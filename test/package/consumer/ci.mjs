// The consumer project's CI step: start trax-sim, run the project's tests against it (each test creates its
// sandboxes with this run's tag), then gate the build on what they exercised. `node ci.mjs`; exit code 0 or not.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { startSimulator } from 'trax-sim';

const REQUIRED = 'past-due,decline.card_declined';

/** A child process, awaited without blocking this one: the simulator answers it from here. */
const run = (file, args, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('close', resolve);
  });

const tag = `ci-${process.pid}`;
const sim = await startSimulator({ scenarios: ['my-scenarios'] });
let code;
try {
  const tests = readdirSync('tests').filter((f) => f.endsWith('.check.mjs')).map((f) => `tests/${f}`);
  code = await run(process.execPath, ['--test', ...tests], { TRAX_SIM_URL: sim.url, TRAX_SIM_RUN: tag });
  if (code === 0)
    code = await run('npx', ['--no', '--', 'trax-sim', 'coverage', '--url', sim.url, '--tag', tag, '--require', REQUIRED, '--format', 'junit', '--output', 'coverage.xml']);
} finally {
  await sim.close();
}
process.exit(code);
