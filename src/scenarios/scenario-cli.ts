import { parseArgs } from 'node:util';
import { findScenario, listScenarios, scenarioFiles } from './catalog.ts';
import { junitReport, textReport } from './report.ts';
import { runScenarioFile } from './runner.ts';
import { scenarioFolders } from './scenario-folders.ts';
import type { ScenarioReport } from './scenario-types.ts';

/** `trax-sim scenario list` and `trax-sim scenario run NAME|FILE... [--report text|json|junit]`, both with [--scenarios DIR]... */
export async function scenarioCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list' && sub !== 'run') {
    console.error('Usage: trax-sim scenario list | trax-sim scenario run NAME|FILE... [--report text|json|junit]  (no name: all; --scenarios DIR adds a folder)');
    return 2;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { report: { type: 'string', default: 'text' }, scenarios: { type: 'string', multiple: true, default: [] } },
  });
  const dirs = scenarioFolders(values.scenarios);
  if (sub === 'list') {
    for (const s of listScenarios(dirs)) console.log(`${s.name.padEnd(28)} ${s.description.split('\n')[0]}`);
    return 0;
  }
  if (!['text', 'json', 'junit'].includes(values.report)) {
    console.error(`--report must be text, json or junit; got ${values.report}`);
    return 2;
  }
  // Every file is parsed and validated before any runs: a bad file stops the run with its reason.
  const scenarios = (positionals.length ? positionals : scenarioFiles(dirs)).map((t) => findScenario(t, dirs));
  const reports: ScenarioReport[] = [];
  for (const scenario of scenarios) reports.push(await runScenarioFile(scenario, dirs));
  if (values.report === 'json') console.log(JSON.stringify(reports, null, 2));
  else if (values.report === 'junit') console.log(junitReport(reports));
  else console.log(textReport(reports));
  return reports.every((r) => r.passed) ? 0 : 1;
}
