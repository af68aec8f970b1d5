// A package-lock.json for a fresh consumer project, cut from this repository's lock: the versions the suite
// runs with, each with its registry URL and integrity, so that `npm ci --offline` installs them from the npm
// cache that installing this repository filled, without asking the registry anything.
export type LockEntry = {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
};
export type Lock = { packages: Record<string, LockEntry> };

const registryUrl = (name: string, version: string) =>
  `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`;
const nameAt = (location: string) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Where Node finds `dep` from the package at `from`: its own node_modules, then each parent's. */
function locate(lock: Lock, from: string, dep: string): string | undefined {
  for (
    let base = from;
    ;
    base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : ''
  ) {
    const location = `${base ? `${base}/` : ''}node_modules/${dep}`;
    if (lock.packages[location]) return location;
    if (!base) return undefined;
  }
}

/** The lock of a project depending on `deps`; `own` gives entries the repository lock lacks (the tarball). */
export function consumerLock(repo: Lock, deps: Record<string, string>, own: Record<string, LockEntry>): object {
  const packages: Record<string, LockEntry> = { '': { name: 'consumer', dependencies: deps } };
  const queue = Object.keys(deps).map((name) => `node_modules/${name}`);
  for (let location = queue.shift(); location; location = queue.shift()) {
    if (packages[location]) continue;
    const entry = own[location] ?? repo.packages[location];
    if (!entry) continue;
    const { dev: _dev, devOptional: _devOptional, ...rest } = entry;
    packages[location] = own[location]
      ? entry
      : { ...rest, resolved: entry.resolved ?? registryUrl(nameAt(location), entry.version!) };
    const wanted = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const [dep, range] of Object.entries(entry.peerDependencies ?? {}))
      if (!entry.peerDependenciesMeta?.[dep]?.optional) wanted[dep] = range;
    for (const dep of Object.keys(wanted)) {
      const found = locate(repo, location, dep);
      if (found) queue.push(found);
    }
  }
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}
