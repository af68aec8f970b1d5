import { statSync } from 'node:fs';
import path from 'node:path';
import { SCENARIO_DIR } from './catalog.ts';

/**
 * The scenario folders a simulator reads, in order: the consumer's own (`--scenarios DIR`, repeatable)
 * first, so their names win, then the bundled scenarios/. A folder that does not exist is an error now,
 * not a "scenario not found" later.
 */
export function scenarioFolders(own: readonly string[] = []): string[] {
  const dirs = own.map((dir) => path.resolve(dir));
  for (const dir of dirs) {
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      throw new Error(`scenario folder ${dir} does not exist or is not a folder`);
  }
  return [...dirs, SCENARIO_DIR];
}
