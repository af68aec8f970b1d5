import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { Document, LineCounter } from 'yaml';
import { toFieldErrors } from '../http/validator.ts';
import { packageFile } from '../package-files.ts';
import type { Scenario } from './scenario-types.ts';

// yaml and ajv are required when a scenario file is first parsed, not when the server starts (slow to load).
const require = createRequire(import.meta.url);
const yaml = () => require('yaml') as typeof import('yaml');

const SCENARIO_SCHEMA_PATH = packageFile('scenarios', 'scenario.schema.json');

/** A scenario file that cannot run: names the file, the line and path, and the reason. */
export class ScenarioFileError extends Error {
  readonly file: string;
  readonly problems: { path: string; line: number | null; message: string }[];
  constructor(file: string, problems: ScenarioFileError['problems']) {
    const lines = problems.map((p) => `  ${file}${p.line ? `:${p.line}` : ''} ${p.path || '/'}: ${p.message}`);
    super(`Invalid scenario file ${file}:\n${lines.join('\n')}`);
    this.name = 'ScenarioFileError';
    this.file = file;
    this.problems = problems;
  }
}

let validate: ReturnType<Ajv2020['compile']> | undefined;
function schemaValidator() {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(
    JSON.parse(readFileSync(SCENARIO_SCHEMA_PATH, 'utf8')),
  );
  return validate;
}

function lineOf(doc: Document, counter: LineCounter, pointer: string): number | null {
  const segments = pointer
    .split('/')
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  // Walk up until a node exists (a missing property points at its parent).
  for (let n = segments.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
    if (yaml().isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return null;
}

/** Parses and validates a scenario file; throws ScenarioFileError before anything runs. */
export function parseScenario(text: string, file: string): Scenario {
  const { LineCounter: Counter, parseDocument } = yaml();
  const counter = new Counter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length) {
    throw new ScenarioFileError(
      file,
      doc.errors.map((e) => ({
        path: '',
        line: e.linePos?.[0]?.line ?? null,
        message: `YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  const data = doc.toJS() as unknown;
  const check = schemaValidator();
  if (!check(data)) {
    const problems = toFieldErrors('', check.errors).map((e) => ({
      path: e.path,
      line: lineOf(doc, counter, e.path),
      message: e.message,
    }));
    throw new ScenarioFileError(file, problems);
  }
  const scenario = data as Omit<Scenario, 'file'>;
  const expected = path.basename(file).replace(/\.ya?ml$/, '');
  if (scenario.name !== expected && !file.includes('.tmp')) {
    throw new ScenarioFileError(file, [
      { path: '/name', line: lineOf(doc, counter, '/name'), message: `must match the file name "${expected}"` },
    ]);
  }
  return { ...scenario, file };
}

export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioFileError(file, [{ path: '', line: null, message: (err as Error).message }]);
  }
  return parseScenario(text, file);
}
