// Reading behaviour coverage: of the request's sandbox, of every sandbox, or of the sandboxes given a tag at
// creation (one CI run's). The tally itself is kept by the store's side (store/coverage.ts); the report
// (catalogue x tally) is made by the simulator face, which knows every face's refusals.
import { DomainError } from '../domain/errors.ts';
import type { CoverageTally, SandboxCoverage } from '../store/coverage.ts';
import type { Store } from '../store/store.ts';

export type CoverageScope = { sandbox: string } | { all: true } | { tag: string };

export type CoverageTallies = {
  sandboxes: string[];
  tag: string | null;
  tallies: { sandbox: string; coverage: SandboxCoverage | undefined }[];
};

const unknownTag = (tag: string) =>
  new DomainError('not_found', 'tag-not-found', 'Tag not found', `No sandbox was created with the tag "${tag}".`);

export function createCoverageService({ store, coverage }: { store: Store; coverage: CoverageTally }) {
  const read = async (names: string[]) =>
    Promise.all(names.map(async (sandbox) => ({ sandbox, coverage: await coverage.read(sandbox) })));
  return {
    async tallies(scope: CoverageScope): Promise<CoverageTallies> {
      if ('sandbox' in scope) {
        store.require(scope.sandbox);
        return { sandboxes: [scope.sandbox], tag: null, tallies: await read([scope.sandbox]) };
      }
      const names = await store.names();
      if ('all' in scope) return { sandboxes: names, tag: null, tallies: await read(names) };
      const existing = new Set(names);
      const tagged = (await coverage.tagged(scope.tag)).filter((n) => existing.has(n)).sort();
      if (!tagged.length) throw unknownTag(scope.tag);
      return { sandboxes: tagged, tag: scope.tag, tallies: await read(tagged) };
    },
  };
}

export type CoverageService = ReturnType<typeof createCoverageService>;
