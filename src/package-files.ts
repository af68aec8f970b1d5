import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The spec and the scenarios ship beside the code. They are found from the package root (the nearest
// folder with a package.json), so the same code works from src/ (tsx, vitest) and from a bundle in dist/.
function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`trax-sim: no package.json above ${start}`);
  }
}

const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A file of the package, e.g. packageFile('spec', 'openapi.yaml'). */
export const packageFile = (...segments: string[]): string => path.join(PACKAGE_ROOT, ...segments);
