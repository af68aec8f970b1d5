import { readdirSync } from 'node:fs';
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
    for (const f of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
      const name = f.replace(/\.ya?ml$/, '');
      if (!byName.has(name)) byName.set(name, path.join(dir, f));
    }
  }
  return [...byName.keys()].sort().map((name) => byName.get(name)!);
}

export function listScenarios(dir: ScenarioDirs = SCENARIO_DIR): { name: string; description: string; file: string }[] {
  return scenarioFiles(dir).map((file) => {
    const s = loadScenarioFile(file);
    return { name: s.name, description: s.description.trim(), file: path.relative(process.cwd(), file) };
  });
}

/** A scenario by name (from scenarios/) or by path to a file. */
export function findScenario(nameOrFile: string, dir: ScenarioDirs = SCENARIO_DIR): Scenario {
  if (/\.ya?ml$/.test(nameOrFile)) return loadScenarioFile(nameOrFile);
  return findScenarioByName(nameOrFile, dir);
}

/** A scenario from scenarios/ by name only: what requests may ask for (never a file of the server's). */
export function findScenarioByName(name: string, dir: ScenarioDirs = SCENARIO_DIR): Scenario {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(name)) throw notFound(name);
  const file = scenarioFiles(dir).find((f) => path.basename(f).replace(/\.ya?ml$/, '') === name);
  if (!file) throw notFound(name);
  try {
    return loadScenarioFile(file);
  } catch (err) {
    // A broken file in scenarios/ is reported to the requester with its reasons, not as a crash.
    if (!(err instanceof ScenarioFileError)) throw err;
    const errors = err.problems.map((p) => ({ path: p.path || '/', message: `${p.line ? `line ${p.line}: ` : ''}${p.message}` }));
    throw new DomainError('validation', 'invalid-scenario-file', 'Invalid scenario file', err.message, { errors });
  }
}

const notFound = (name: string) =>
  new DomainError('not_found', 'scenario-not-found', 'Scenario not found', `No scenario named "${name}" in scenarios/. List them with GET /__sim/scenarios.`);
