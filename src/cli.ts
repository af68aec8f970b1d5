#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEMO_CREDENTIALS } from './seeds/demo.ts';
import { startServer } from './server.ts';
import { scenarioFolders } from './scenarios/scenario-folders.ts';
import { loadScenarioSeeder } from './scenarios/scenario-seeder.ts';

const USAGE = `trax-sim: Alarm.com / SecurityTrax billing integration simulator

Usage:
  trax-sim serve [--port 4010] [--host 127.0.0.1] [--data DIR | --memory] [--scenario NAME] [--scenarios DIR]... [--strict] [--quiet] [--fsync]
  trax-sim scenario list [--scenarios DIR]...
  trax-sim scenario run NAME|FILE... [--report text|json|junit] [--scenarios DIR]...

serve     starts the sandbox server (default data folder ./.trax-sim)
scenario  lists or replays scenario files from scenarios/
--scenarios DIR  also reads your own scenario folder (repeatable); its names win over the bundled ones
`;

async function serveCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.trax-sim' },
      memory: { type: 'boolean', default: false },
      scenario: { type: 'string' },
      scenarios: { type: 'string', multiple: true, default: [] },
      strict: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      fsync: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const server = await startServer({
    port,
    host: values.host,
    dataDir: values.memory ? null : values.data,
    scenario: values.scenario,
    scenarios: loadScenarioSeeder(scenarioFolders(values.scenarios)),
    strict: values.strict,
    fsync: values.fsync || undefined,
    log: values.quiet ? undefined : (line) => console.log(line),
  });
  const d = DEMO_CREDENTIALS;
  console.log(`trax-sim listening on ${server.url}  (console: ${server.url}/, health: ${server.url}/__sim/health)`);
  console.log(`data: ${values.memory ? 'in memory' : values.data}${values.scenario ? `, scenario: ${values.scenario}` : ''}${values.strict ? ', strict response validation' : ''}`);
  const seed = server.store.get('default')?.seed;
  if (seed?.kind === 'demo') {
    console.log(`demo credentials (sandbox "default"):`);
    console.log(`  SecurityTrax dealer API  ${d.dealer.username} / ${d.dealer.password}`);
    console.log(`  Alarm.com web services   ${d.isp.username} / ${d.isp.password} (has the SecurityTrax Role), ${d.ispWithoutRole.username} / ${d.ispWithoutRole.password} (lacks it)`);
    for (const u of d.endUsers) console.log(`  Alarm.com end user       ${u.username} / ${u.password}  ${u.note}`);
  } else {
    console.log(`sandbox "default" was seeded from ${seed?.kind === 'scenario' ? `scenario ${seed.name} (credentials in scenarios/${seed.name}.yaml)` : 'an empty seed'}`);
  }
  const stop = async (signal: string) => {
    console.log(`${signal}: flushing the store and stopping`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
    case undefined:
      await serveCommand(rest);
      return -1;
    case 'scenario': {
      // Loaded only for this command: serve starts faster without the runner's modules.
      const { scenarioCommand } = await import('./scenarios/scenario-cli.ts');
      return scenarioCommand(rest);
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`trax-sim: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
