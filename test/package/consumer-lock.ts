// A package-lock.json for a fresh consumer project, cut from this repository's lock: the same versions the
// suite runs with, each with its registry URL and integrity, so `npm ci --offline` installs them from the
// npm cache that installing this repository filled (no registry request).
type LockEntry = { version?: string; resolved?: string; integrity?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }>; dev?: boolean; optional?: boolean; peer?: boolean; link?: boolean; [k: string]: unknown };
export type Lock = { packages: Record<string, LockEntry> };

const registryUrl = (name: string, version: string) => `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`;
const nameOf = (location: string) => location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Where Node finds `dep` from the package at `from` (its own node_modules, then each parent's). */
function locate(lock: Lock, from: string, dep: string): string | undefined {
  for (let base = from; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
    const location = `${base ? `${base}/` : ''}node_modules/${dep}`;
    if (lock.packages[location]) return location;
    if (!base) return undefined;
  }
}

/** The lock of a project that depends on `deps` (name -> spec) plus `extra` entries (e.g. the tarball). */
export function consumerLock(repo: Lock, deps: Record<string, string>, roots: string[], extra: Record<string, LockEntry>): object {
  const packages: Record<string, LockEntry> = { '': { name: 'consumer', dependencies: deps }, ...extra };
  const queue = roots.map((location) => ({ location }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const entry = extra[next.location] ?? repo.packages[next.location];
    if (!entry) continue;
    if (!extra[next.location]) {
      if (packages[next.location]) continue;
      const { dev: _dev, devOptional: _devOptional, ...rest } = entry;
      packages[next.location] = { ...rest, resolved: entry.resolved ?? registryUrl(nameOf(next.location), entry.version!) };
    }
    const wanted = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const [dep, spec] of Object.entries(entry.peerDependencies ?? {})) if (!entry.peerDependenciesMeta?.[dep]?.optional) wanted[dep] = spec;
    for (const dep of Object.keys(wanted)) {
      const location = locate(repo, next.location, dep);
      if (location && !packages[location]) queue.push({ location });
    }
  }
  return { name: 'consumer', lockfileVersion: 3, requires: true, packages };
}
