// `trax-sim coverage --url URL [--sandbox S | --all | --tag T] [--format text|json|junit|html] [--output FILE]
// [--require id,id] [--min N%]`: reads a running simulator's behaviour coverage and gates a CI build on it.
// Exit 0: the bar is met (or none was set); 1: below it, the behaviours never exercised listed; 2: the command
// was wrong or no report could be read (an unknown behaviour id, tag or sandbox, an unreachable server).
import { writeFileSync } from 'node:fs';
import { parseCommandArgs, type CommandSpec } from './cli-args.ts';
import { judge, parseMin, unknownIds, type CoverageBar } from './coverage-reports/coverage-bar.ts';
import { htmlReport } from './coverage-reports/html-report.ts';
import { junitReport } from './coverage-reports/junit-report.ts';
import { CoverageReadError, readCoverage, type CoverageScope } from './coverage-reports/read-coverage.ts';
import { textReport, verdictText } from './coverage-reports/text-report.ts';

const USAGE = `Usage: trax-sim coverage --url URL [--sandbox NAME | --all | --tag TAG] [--format text|json|junit|html]
                         [--output FILE] [--require ID,ID...] [--min N%] [--admin-token TOKEN]

Reads which behaviours of the billing integration the requests to a running simulator exercised
(GET URL/__sim/coverage) and prints the report; with --require or --min, fails below that bar.

Options:
  --url URL            the simulator (also $TRAX_SIM_URL), e.g. http://127.0.0.1:4010
  --sandbox NAME       one sandbox's coverage (default: the sandbox "default")
  --tag TAG            the sandboxes created with this tag (POST /__sim/sandboxes {"name","tag"}): one CI run's
  --all                every sandbox of the simulator
  --format FORMAT      text (default), json (the server's report as is), junit (one test case per behaviour:
                       exercised passes, never exercised is skipped, or failed when --require names it; --min
                       adds a "coverage bar" test case) or html (one self-contained page)
  --output FILE        write the report to FILE instead of stdout
  --require ID,ID      these behaviours must have been exercised (comma-separated, repeatable)
  --min N%             at least N% of the behaviour catalogue must have been exercised
  --admin-token TOKEN  when the simulator's /__sim is protected (also $TRAX_SIM_ADMIN_TOKEN)
  -h, --help           this help

Exit code: 0 the bar is met (or none was given), 1 below it (the behaviours never exercised are listed on
stderr, each with the bundled scenario that exercises it), 2 a usage error, an unknown behaviour id, tag or
sandbox, or no report could be read.`;

const SPEC: CommandSpec = {
  name: 'coverage',
  usage: USAGE,
  options: {
    url: { type: 'string' },
    sandbox: { type: 'string' },
    tag: { type: 'string' },
    all: { type: 'boolean' },
    format: { type: 'string', default: 'text' },
    output: { type: 'string' },
    require: { type: 'string', multiple: true },
    min: { type: 'string' },
    'admin-token': { type: 'string' },
  },
};

const FORMATS = ['text', 'json', 'junit', 'html'] as const;

const fail = (message: string) => {
  console.error(`trax-sim coverage: ${message}`);
  return 2;
};

export async function coverageCommand(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(SPEC, args);
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values as Record<string, string | undefined> & { all?: boolean; require?: string[] };
  const url = v.url ?? process.env.TRAX_SIM_URL;
  if (!url) return fail('--url is needed (the simulator, e.g. http://127.0.0.1:4010; see trax-sim coverage --help)');
  if (!/^https?:\/\//.test(url)) return fail(`--url must be an http(s) URL, got ${url}`);
  const format = v.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) return fail(`--format must be text, json, junit or html; got ${v.format}`);
  const scopes = [v.sandbox !== undefined, v.tag !== undefined, v.all === true].filter(Boolean).length;
  if (scopes > 1) return fail('give one of --sandbox, --tag and --all');
  const min = v.min === undefined ? undefined : parseMin(v.min);
  if (min === null) return fail(`--min must be a percentage from 0 to 100 (e.g. 60%), got ${v.min}`);
  const bar: CoverageBar = {
    require: (v.require ?? [])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
    min,
  };
  const scope: CoverageScope = v.all ? { all: true } : v.tag !== undefined ? { tag: v.tag } : { sandbox: v.sandbox };

  let report: Awaited<ReturnType<typeof readCoverage>>;
  try {
    report = await readCoverage({ url, scope, adminToken: v['admin-token'] ?? process.env.TRAX_SIM_ADMIN_TOKEN });
  } catch (err) {
    if (err instanceof CoverageReadError) {
      const p = err.problem;
      return fail(p ? `${p.status} ${[p.code, p.title, p.detail].filter(Boolean).join(': ')}` : err.message);
    }
    const cause = (err as Error & { cause?: Error }).cause;
    return fail(`cannot read ${url}/__sim/coverage: ${cause?.message ?? (err as Error).message}`);
  }

  const unknown = unknownIds(report, bar.require);
  if (unknown.length) {
    for (const u of unknown)
      console.error(
        `trax-sim coverage: unknown behaviour id ${u.id} in --require${u.close.length ? `; close ones: ${u.close.join(', ')}` : ' (none close; --format json lists every id)'}`,
      );
    return 2;
  }

  const verdict = judge(report, bar);
  const body =
    format === 'json'
      ? JSON.stringify(report, null, 2)
      : format === 'junit'
        ? junitReport(report, bar, verdict)
        : format === 'html'
          ? htmlReport(report, bar, verdict)
          : textReport(report);
  if (v.output) {
    try {
      writeFileSync(v.output, body.endsWith('\n') ? body : `${body}\n`);
    } catch (err) {
      return fail(`cannot write ${v.output}: ${(err as Error).message}`);
    }
    console.log(`trax-sim coverage: ${format} report written to ${v.output}`);
  } else console.log(body);
  if (bar.require.length || bar.min !== undefined) console.error(verdictText(verdict, bar));
  return verdict.met ? 0 : 1;
}
