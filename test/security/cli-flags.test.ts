// CLI flags: --help for every command, --version, one-line errors for unknown flags.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.ts';
import { spawnServe } from '../support/spawn-cli.ts';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+/);

describe('trax-sim command line', () => {
  it.each([
    [['--help'], 'trax-sim serve [options]'],
    [['-h'], 'trax-sim scenario list|run'],
    [['serve', '--help'], '--cors ORIGINS'],
    [['serve', '-h'], '--admin-token TOKEN'],
    [['serve', '--help'], '--headers-timeout S'],
    [['serve', '--help'], '--request-timeout S'],
    [['scenario', '--help'], 'trax-sim scenario run'],
    [['scenario', 'list', '--help'], 'trax-sim scenario list'],
    [['scenario', 'run', '--help'], '--report FORMAT'],
    [['serve', '--help'], '--database URL'],
    [['copy', '--help'], '--from SOURCE'],
    [['coverage', '--help'], '--require ID,ID'],
  ])(
    "%j prints that command's usage and exits 0",
    (args, expected) => {
      const out = cli(...args);
      expect(out.status).toBe(0);
      expect(out.stdout).toContain(expected);
      expect(out.stderr).toBe('');
    },
    60_000,
  );

  it.each([['--version'], ['-v']])(
    '%s prints the version and exits 0',
    (flag) => {
      const out = cli(flag);
      expect(out.status).toBe(0);
      expect(out.stdout.trim()).toBe(VERSION);
    },
    60_000,
  );

  it.each([
    [['serve', '--nope'], 'trax-sim serve: unknown option --nope (see trax-sim serve --help)'],
    [['scenario', 'run', '--nope'], 'trax-sim scenario run: unknown option --nope (see trax-sim scenario run --help)'],
    [['scenario', 'list', '-x'], 'trax-sim scenario list: unknown option -x (see trax-sim scenario list --help)'],
    [['serve', '--port'], 'trax-sim serve: option --port needs a value (see trax-sim serve --help)'],
    [['copy', '--from', 'x'], 'trax-sim copy: --from and --to are both needed (see trax-sim copy --help)'],
    [['coverage', '--min'], 'trax-sim coverage: option --min needs a value (see trax-sim coverage --help)'],
    [['serve', '--reconfigure'], 'trax-sim serve: --reconfigure goes with --database (see trax-sim serve --help)'],
    [
      ['serve', '--request-timeout', '0'],
      'trax-sim serve: --request-timeout must be a whole number of seconds of at least 1, got 0 (see trax-sim serve --help)',
    ],
    [
      ['serve', '--cors', 'not an origin'],
      'trax-sim serve: --cors: "not an origin" is not an origin (scheme://host[:port], or *) (see trax-sim serve --help)',
    ],
  ])(
    '%j prints one line and exits 2, no stack trace',
    (args, line) => {
      const out = cli(...args);
      expect(out.status).toBe(2);
      expect(out.stderr.trim()).toBe(line);
      noStack(out.stderr);
    },
    60_000,
  );

  it('--host beyond loopback without a token prints a loud warning with a generated admin token', async () => {
    const server = await spawnServe(['--memory', '--quiet', '--host', '0.0.0.0']);
    try {
      const token = /^!!\s+(\S{20,})$/m.exec(server.output())?.[1];
      expect(server.output()).toMatch(/beyond this machine/);
      expect(token).toBeDefined();
      const base = server.url.replace('0.0.0.0', '127.0.0.1');
      expect((await fetch(`${base}/__sim/sandboxes`)).status).toBe(401);
      expect((await fetch(`${base}/__sim/sandboxes`, { headers: { 'x-admin-token': token! } })).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
