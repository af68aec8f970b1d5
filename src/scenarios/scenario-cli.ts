import { brokenScenario, scanScenarios, scenarioFileNamed } from './catalog.ts';
import { junitReport, textReport } from './report.ts';
import { coverageLine, mergeRunCoverage } from './run-coverage.ts';
import { brokenReport, runScenarioFile } from './runner.ts';
import { loadScenarioFile, ScenarioFileError } from './scenario-file.ts';
import { scenarioFolders } from './scenario-folders.ts';
import type { ScenarioReport } from './scenario-types.ts';
import { parseCommandArgs, type CommandSpec } from '../cli-args.ts';

const SCENARIO_USAGE = `Usage:
  trax-sim scenario list [--scenarios DIR]
  trax-sim scenario run [NAME|FILE...] [--report text|json|junit] [--scenarios DIR] [--count N]

list   the scenarios of the folder, one a line; broken files after them with their reasons (exit 1 if any)
run    replays scenarios (no name: all of the folder); a broken file counts as a failed scenario;
       the text report ends with the behaviours of the catalogue the run exercised (json: per scenario)
       exit code: 0 all passed, 1 any failed or broken

Options:
  --scenarios DIR   also read scenario files from DIR (repeatable); its names win over the bundled scenarios/
  --report FORMAT   run's report: text (default), json or junit
  --count N         resize generated populations (given.generate), e.g. a big dealer at 100,000
  -h, --help        this help`;

const LIST: CommandSpec = {
  name: 'scenario list',
  usage: SCENARIO_USAGE,
  options: { scenarios: { type: 'string', multiple: true } },
};
const RUN: CommandSpec = {
  name: 'scenario run',
  usage: SCENARIO_USAGE,
  positionals: true,
  options: {
    scenarios: { type: 'string', multiple: true },
    report: { type: 'string', default: 'text' },
    count: { type: 'string' },
  },
};

/** `trax-sim scenario list` and `trax-sim scenario run [NAME|FILE...] [--report text|json|junit] [--count N]`. */
export async function scenarioCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    console.log(SCENARIO_USAGE);
    return sub === undefined ? 2 : 0;
  }
  if (sub === 'list') {
    const parsed = parseCommandArgs(LIST, rest);
    if (typeof parsed === 'number') return parsed;
    const { scenarios, broken } = scanScenarios(scenarioFolders(parsed.values.scenarios as string[] | undefined));
    for (const s of scenarios) console.log(`${s.name.padEnd(28)} ${s.description.trim().split('\n')[0]}`);
    for (const b of broken)
      console.log(`${b.name.padEnd(28)} BROKEN ${b.file}${b.line ? `:${b.line}` : ''}: ${b.reason}`);
    return broken.length ? 1 : 0;
  }
  if (sub !== 'run') {
    console.error(`trax-sim scenario: unknown subcommand ${sub} (see trax-sim scenario --help)`);
    return 2;
  }
  const parsed = parseCommandArgs(RUN, rest);
  if (typeof parsed === 'number') return parsed;
  const report = parsed.values.report as string;
  const dirs = scenarioFolders(parsed.values.scenarios as string[] | undefined);
  if (!['text', 'json', 'junit'].includes(report)) {
    console.error(`trax-sim scenario run: --report must be text, json or junit; got ${report}`);
    return 2;
  }
  const rawCount = parsed.values.count as string | undefined;
  const count = rawCount === undefined ? undefined : Number(rawCount);
  if (count !== undefined && !/^\d+$/.test(rawCount!)) {
    console.error(`trax-sim scenario run: --count must be a whole number; got ${rawCount}`);
    return 2;
  }
  const reports: ScenarioReport[] = [];
  if (parsed.positionals.length) {
    for (const target of parsed.positionals) {
      try {
        const file = /\.ya?ml$/.test(target) ? target : scenarioFileNamed(target, dirs);
        reports.push(await runScenarioFile(loadScenarioFile(file), { dirs, count }));
      } catch (err) {
        // A broken file named on the command line is a failed scenario too; the others still run.
        if (!(err instanceof ScenarioFileError)) throw err;
        reports.push(brokenReport(brokenScenario(err)));
      }
    }
  } else {
    const { scenarios, broken } = scanScenarios(dirs);
    for (const scenario of scenarios) reports.push(await runScenarioFile(scenario, { dirs, count }));
    reports.push(...broken.map(brokenReport));
  }
  if (report === 'json') console.log(JSON.stringify(reports, null, 2));
  else if (report === 'junit') console.log(junitReport(reports));
  else {
    console.log(textReport(reports));
    // What the run exercised, all scenarios together (the JSON report has each scenario's).
    const coverage = mergeRunCoverage(reports.flatMap((r) => (r.coverage ? [r.coverage] : [])));
    if (coverage) console.log(coverageLine(coverage));
  }
  return reports.every((r) => r.passed) ? 0 : 1;
}
