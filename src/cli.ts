#!/usr/bin/env node
import { parseCommandArgs, type CommandSpec } from './cli-args.ts';
import { parseCorsOrigins } from './http/guards/cors.ts';
import { isLoopbackHost } from './http/guards/host-guard.ts';
import { DEMO_INTEGRATOR_KEY } from './domain/securitytrax-access.ts';
import { DEMO_CREDENTIALS } from './seeds/demo.ts';
import { startServer } from './server.ts';
import { describeDatabase } from './store/postgres/database-url.ts';
import { scenarioFolders } from './scenarios/scenario-folders.ts';
import { loadScenarioSeeder } from './scenarios/scenario-seeder.ts';
import { VERSION } from './version.ts';

const USAGE = `trax-sim ${VERSION}: Alarm.com / SecurityTrax billing integration simulator

Usage:
  trax-sim serve [options]              starts the sandbox server (see trax-sim serve --help)
  trax-sim scenario list|run [options]  lists or replays scenario files (see trax-sim scenario --help)
  trax-sim copy --from X --to Y         copies sandboxes between a data folder and a database (see trax-sim copy --help)
  trax-sim coverage --url URL [options] what a simulator's requests exercised; fails CI below a bar (see trax-sim coverage --help)
  trax-sim --version | -v               prints the version
  trax-sim --help | -h                  this help
`;

const SERVE_USAGE = `Usage: trax-sim serve [options]

Starts the sandbox server: the three API faces, the control API (/__sim) and the console (/).

Options:
  --port N              port to listen on (default 4010, or $PORT; 0 picks a free one)
  --host ADDR           address to bind (default 127.0.0.1). Beyond loopback (0.0.0.0, a LAN address)
                        the control API and console need an admin token: one is generated and printed
                        unless --admin-token is given
  --data DIR            data folder (default ./.trax-sim)
  --memory              keep everything in memory (nothing written)
  --database URL        keep every sandbox in PostgreSQL (postgres://user:password@host:5432/db, also
                        $TRAX_SIM_DATABASE_URL), shared by every instance given the same URL (see the
                        README's "Run it for a team"); the schema is created or upgraded at start-up
  --reconfigure         with --database: make this instance's admin token, --max-sandboxes and scenario
                        files the deployment's (instances of one database must agree; without this flag
                        an instance started with other ones refuses to start)
  --scenario NAME       load this scenario's starting state into the "default" sandbox
  --scenarios DIR       also read scenario files from DIR (repeatable); its names win over the bundled ones
  --strict              validate every response against the spec (a mismatch becomes a 500)
  --fsync               fsync every log append (survives a machine crash, slower)
  --quiet               no request log
  --no-coverage         do not record which behaviours requests exercise (GET /__sim/coverage stays empty)
  --cors ORIGINS        let browser pages of these origins call the API faces (comma-separated,
                        repeatable; * for any origin, never with credentials)
  --cors-control        extend the --cors grant to the control API /__sim (explicit origins only)
  --allowed-hosts NAMES more Host names to answer besides localhost, 127.0.0.1, [::1] and --host
                        (comma-separated, repeatable), e.g. a proxy's or a container's name
  --trust-proxy         behind a reverse proxy you trust: build the absolute links of answers from
                        X-Forwarded-Proto / X-Forwarded-Host (off by default: any client can send them)
  --max-sandboxes N     at most N sandboxes (default 100); one more is a 409 sandbox-quota-reached
  --idle-minutes N      a sandbox unused for N minutes (default 10) leaves memory until its next use
                        (not with --memory)
  --headers-timeout S   a client has S seconds (default 10) to send a request's headers, else 408 and
                        the connection is closed (an idle connection that sends nothing, too)
  --request-timeout S   ... and S seconds (default 30) for the whole request, body included
  --admin-token TOKEN   protect /__sim and the console with TOKEN, 8+ characters (also $TRAX_SIM_ADMIN_TOKEN);
                        send "Authorization: Bearer TOKEN" or "X-Admin-Token: TOKEN", open the
                        console once as /?token=TOKEN
  -h, --help            this help`;

const SERVE: CommandSpec = {
  name: 'serve',
  usage: SERVE_USAGE,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    memory: { type: 'boolean' },
    database: { type: 'string' },
    reconfigure: { type: 'boolean' },
    scenario: { type: 'string' },
    scenarios: { type: 'string', multiple: true },
    strict: { type: 'boolean' },
    quiet: { type: 'boolean' },
    'no-coverage': { type: 'boolean' },
    fsync: { type: 'boolean' },
    cors: { type: 'string', multiple: true },
    'cors-control': { type: 'boolean' },
    'allowed-hosts': { type: 'string', multiple: true },
    'trust-proxy': { type: 'boolean' },
    'admin-token': { type: 'string' },
    'max-sandboxes': { type: 'string' },
    'idle-minutes': { type: 'string' },
    'headers-timeout': { type: 'string' },
    'request-timeout': { type: 'string' },
  },
};

/** undefined when not given, null when not a whole number >= 1. */
const atLeastOne = (value: string | undefined): number | undefined | null => {
  if (value === undefined) return undefined;
  return /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : null;
};

const list = (v: unknown): string[] =>
  ((v as string[] | undefined) ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

async function serveCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(SERVE, args);
  if (typeof parsed === 'number') return parsed;
  const values = parsed.values as Record<string, string | undefined> & {
    memory?: boolean;
    reconfigure?: boolean;
    strict?: boolean;
    quiet?: boolean;
    'no-coverage'?: boolean;
    fsync?: boolean;
    'cors-control'?: boolean;
    'trust-proxy'?: boolean;
  };
  const rawPort = values.port ?? process.env.PORT ?? '4010';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) return usageError(`--port must be a port number, got ${rawPort}`);
  const host = values.host ?? '127.0.0.1';
  const data = values.data ?? '.trax-sim';
  const database = values.database ?? (values.data || values.memory ? undefined : process.env.TRAX_SIM_DATABASE_URL);
  if (database !== undefined && (values.data !== undefined || values.memory))
    return usageError('--database keeps sandboxes in PostgreSQL: give it without --data or --memory');
  if (values.reconfigure && database === undefined) return usageError('--reconfigure goes with --database');
  let corsOrigins: string[];
  try {
    corsOrigins = parseCorsOrigins(list(parsed.values.cors));
  } catch (err) {
    return usageError((err as Error).message);
  }
  if (values['cors-control'] && (corsOrigins.length === 0 || corsOrigins.includes('*')))
    return usageError('--cors-control needs explicit --cors origins (not *)');
  const adminToken = values['admin-token'] ?? process.env.TRAX_SIM_ADMIN_TOKEN;
  if (adminToken !== undefined && adminToken.length < 8)
    return usageError('--admin-token must be at least 8 characters');
  const maxSandboxes = atLeastOne(values['max-sandboxes']);
  if (maxSandboxes === null)
    return usageError(`--max-sandboxes must be a whole number of at least 1, got ${values['max-sandboxes']}`);
  const idleMinutes = atLeastOne(values['idle-minutes']);
  if (idleMinutes === null)
    return usageError(`--idle-minutes must be a whole number of at least 1, got ${values['idle-minutes']}`);
  const headersTimeout = atLeastOne(values['headers-timeout']);
  if (headersTimeout === null)
    return usageError(
      `--headers-timeout must be a whole number of seconds of at least 1, got ${values['headers-timeout']}`,
    );
  const requestTimeout = atLeastOne(values['request-timeout']);
  if (requestTimeout === null)
    return usageError(
      `--request-timeout must be a whole number of seconds of at least 1, got ${values['request-timeout']}`,
    );
  let scenarioDirs: string[];
  try {
    scenarioDirs = scenarioFolders(parsed.values.scenarios as string[] | undefined);
  } catch (err) {
    return usageError((err as Error).message);
  }
  const server = await startServer({
    port,
    host,
    dataDir: values.memory ? null : data,
    database,
    reconfigure: values.reconfigure,
    scenario: values.scenario,
    scenarios: loadScenarioSeeder(scenarioDirs),
    strict: values.strict,
    fsync: values.fsync || undefined,
    cors: corsOrigins.length ? { origins: corsOrigins, control: values['cors-control'] } : undefined,
    allowedHosts: list(parsed.values['allowed-hosts']),
    trustProxy: values['trust-proxy'] || undefined,
    coverage: values['no-coverage'] ? false : undefined,
    adminToken,
    maxSandboxes,
    idleAfterMs: idleMinutes === undefined ? undefined : idleMinutes * 60_000,
    headersTimeoutMs: headersTimeout === undefined ? undefined : headersTimeout * 1000,
    requestTimeoutMs: requestTimeout === undefined ? undefined : requestTimeout * 1000,
    log: values.quiet ? undefined : (line) => console.log(line),
  });
  if (!isLoopbackHost(host) && adminToken) {
    console.error(
      `WARNING: trax-sim is listening on ${host}, beyond this machine; /__sim and the console need the admin token you gave.`,
    );
  }
  const d = DEMO_CREDENTIALS;
  console.log(`trax-sim listening on ${server.url}  (console: ${server.url}/, health: ${server.url}/__sim/health)`);
  console.log(
    `data: ${database ? `PostgreSQL at ${describeDatabase(database)} (shared)` : values.memory ? 'in memory' : data}${values.scenario ? `, scenario: ${values.scenario}` : ''}${values.strict ? ', strict response validation' : ''}`,
  );
  if (corsOrigins.length)
    console.log(
      `CORS: ${corsOrigins.join(', ')}${values['cors-control'] ? ' (API faces and /__sim)' : ' (API faces; /__sim not granted)'}`,
    );
  // A sandbox still on disk is not loaded just to print this: start-up must not wait for a big one.
  const onDiskOnly = !server.store.isLoaded('default');
  const seed = onDiskOnly ? undefined : server.store.get('default')?.seed;
  if (seed?.kind === 'demo') {
    console.log(`demo credentials (sandbox "default"):`);
    console.log(
      `  SecurityTrax API         ${d.dealer.username} / ${d.dealer.password}, integrator key ${DEMO_INTEGRATOR_KEY} (base ${server.url}/securitytrax/default/user/v1)`,
    );
    console.log(
      `  Alarm.com web services   (SOAP, ${server.url}/alarm-com/WebServices/CustomerManagement.asmx?WSDL) ${d.isp.username} / ${d.isp.password} (has the SecurityTrax Role), ${d.ispWithoutRole.username} / ${d.ispWithoutRole.password} (lacks it)`,
    );
    for (const u of d.endUsers) console.log(`  Alarm.com end user       ${u.username} / ${u.password}  ${u.note}`);
  } else if (onDiskOnly) {
    console.log('sandbox "default" is on disk and loads on first use (GET /__sim/sandboxes/default names its seed)');
  } else {
    console.log(
      `sandbox "default" was seeded from ${seed?.kind === 'scenario' ? `scenario ${seed.name} (credentials in scenarios/${seed.name}.yaml)` : 'an empty seed'}`,
    );
  }
  const stop = async (signal: string) => {
    console.log(`${signal}: flushing the store and stopping`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return -1;
}

function usageError(message: string): number {
  console.error(`trax-sim serve: ${message} (see trax-sim serve --help)`);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand(rest);
    case undefined:
      return serveCommand([]);
    case 'scenario': {
      // Loaded only for this command: serve starts faster without the runner's modules.
      const { scenarioCommand } = await import('./scenarios/scenario-cli.ts');
      return scenarioCommand(rest);
    }
    case 'copy': {
      const { copyCommand } = await import('./copy-cli.ts');
      return copyCommand(rest);
    }
    case 'coverage': {
      const { coverageCommand } = await import('./coverage-cli.ts');
      return coverageCommand(rest);
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    case 'version':
    case '--version':
    case '-v':
      console.log(VERSION);
      return 0;
    default:
      console.error(
        command.startsWith('-')
          ? `trax-sim: unknown option ${command} (see trax-sim --help)`
          : `trax-sim: unknown command ${command} (see trax-sim --help)`,
      );
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
