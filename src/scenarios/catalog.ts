import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../domain/errors.ts';
import { packageFile } from '../package-files.ts';
import { loadScenarioFile, ScenarioFileError } from './scenario-file.ts';
import type { Scenario } from './scenario-types.ts';

export const SCENARIO_DIR = packageFile('scenarios');

/** Scenario folders, searched in order (a consumer's own first, then scenarios/): see scenario-folders.ts. */
export type ScenarioDirs = string | readonly string[];

/** Every scenario file in the folders (adding a file adds a scenario: no code change); a name's first file wins. */
export function scenarioFiles(dirs: ScenarioDirs = SCENARIO_DIR): string[] {
  const byName = new Map<string, string>();
  for (const dir of typeof dirs === 'string' ? [dirs] : dirs) {
    for (const f of readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()) {
      const name = f.replace(/\.ya?ml$/, '');
      if (!byName.has(name)) byName.set(name, path.join(dir, f));
    }
  }
  return [...byName.keys()].sort().map((name) => byName.get(name)!);
}

/** Each scenario file's name and text (a shared deployment's instances check they read the same ones). */
export function scenarioTexts(dirs: ScenarioDirs = SCENARIO_DIR): { name: string; text: string }[] {
  return scenarioFiles(dirs).map((file) => ({ name: path.basename(file), text: readFileSync(file, 'utf8') }));
}

export type ScenarioEntry = { name: string; description: string; file: string };
/** A scenario file that cannot be used: named by its file, with the first problem's line and every reason. */
export type BrokenScenario = { name: string; file: string; line: number | null; reason: string };

/** Relative to the working folder when inside it, else absolute. */
const relative = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? path.resolve(file) : rel;
};

/** A ScenarioFileError as one entry: `line N: /path: message; ...`. */
export function brokenScenario(err: ScenarioFileError): BrokenScenario {
  const reason = err.problems
    .map((p) => `${p.line ? `line ${p.line}: ` : ''}${p.path || '/'}: ${p.message}`)
    .join('; ');
  return {
    name: path.basename(err.file).replace(/\.ya?ml$/, ''),
    file: relative(err.file),
    line: err.problems.find((p) => p.line)?.line ?? null,
    reason,
  };
}

/** Every scenario file, read: one broken file is reported beside the others, never in their place. */
export function scanScenarios(dir: ScenarioDirs = SCENARIO_DIR): { scenarios: Scenario[]; broken: BrokenScenario[] } {
  const scenarios: Scenario[] = [];
  const broken: BrokenScenario[] = [];
  for (const file of scenarioFiles(dir)) {
    try {
      scenarios.push(loadScenarioFile(file));
    } catch (err) {
      if (!(err instanceof ScenarioFileError)) throw err;
      broken.push(brokenScenario(err));
    }
  }
  return { scenarios, broken };
}

/** The usable scenarios (see scanScenarios for the broken ones). */
export function listScenarios(dir: ScenarioDirs = SCENARIO_DIR): ScenarioEntry[] {
  return scanScenarios(dir).scenarios.map((s) => ({
    name: s.name,
    description: s.description.trim(),
    file: relative(s.file),
  }));
}

/** A scenario by name (from scenarios/) or by path to a file. */
export function findScenario(nameOrFile: string, dir: ScenarioDirs = SCENARIO_DIR): Scenario {
  if (/\.ya?ml$/.test(nameOrFile)) return loadScenarioFile(nameOrFile);
  return findScenarioByName(nameOrFile, dir);
}

/** The file of a scenario named `name` in the folder; 404 scenario-not-found when there is none. */
export function scenarioFileNamed(name: string, dir: ScenarioDirs = SCENARIO_DIR): string {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(name)) throw notFound(name);
  const file = scenarioFiles(dir).find((f) => path.basename(f).replace(/\.ya?ml$/, '') === name);
  if (!file) throw notFound(name);
  return file;
}

/** A scenario from scenarios/ by name only: what requests may ask for (never a file of the server's). */
export function findScenarioByName(name: string, dir: ScenarioDirs = SCENARIO_DIR): Scenario {
  const file = scenarioFileNamed(name, dir);
  try {
    return loadScenarioFile(file);
  } catch (err) {
    // A broken file in scenarios/ is reported to the requester with its reasons, not as a crash.
    if (!(err instanceof ScenarioFileError)) throw err;
    const errors = err.problems.map((p) => ({
      path: p.path || '/',
      message: `${p.line ? `line ${p.line}: ` : ''}${p.message}`,
    }));
    throw new DomainError('validation', 'invalid-scenario-file', 'Invalid scenario file', err.message, { errors });
  }
}

const notFound = (name: string) =>
  new DomainError(
    'not_found',
    'scenario-not-found',
    'Scenario not found',
    `No scenario named "${name}" in scenarios/. List them with GET /__sim/scenarios.`,
  );
