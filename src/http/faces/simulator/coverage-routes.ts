// GET /__sim/coverage: the behaviour catalogue x what the requests of a sandbox (or several) exercised.
import type { CoverageScope, CoverageService } from '../../../services/coverage-service.ts';
import { compiledSpec } from '../../compiled-spec.ts';
import { CATALOGUE } from '../../coverage-catalogue.ts';
import { coverageReport } from '../../coverage-report.ts';
import { ok, type Handlers, type RequestInput } from '../../operation.ts';
import { DomainError } from '../../../domain/errors.ts';

function scopeOf(i: RequestInput): CoverageScope {
  const { all, tag } = i.query as { all?: string; tag?: string };
  if (all === 'true' && tag !== undefined)
    throw new DomainError(
      'bad_request',
      'ambiguous-coverage-scope',
      'Ambiguous scope',
      'Give all=true or tag, not both.',
      {
        errors: [{ path: '/query/tag', message: 'not allowed together with all=true' }],
      },
    );
  if (all === 'true') return { all: true };
  return tag === undefined ? { sandbox: i.sandbox } : { tag };
}

export function coverageRoutes(coverage: CoverageService): Pick<Handlers, 'getCoverage'> {
  return {
    getCoverage: async (i) => ok(coverageReport(CATALOGUE, compiledSpec().index, await coverage.tallies(scopeOf(i)))),
  };
}
