import type { Store } from '../store/store.ts';
import { createAlarmComWebServices, type Sleep } from './alarm-com-web-services.ts';
import { createLoginFinder } from './authenticate.ts';
import { createBillingService } from './billing-service.ts';
import { createCoverageService } from './coverage-service.ts';
import { createCommandRunner, type IdSource } from './command-runner.ts';
import { createDealerService } from './dealer-service.ts';
import { createIdempotencyService } from './idempotency.ts';
import { createJournal, type Journal, type JournalBody, type JournalRecord } from '../store/journal.ts';
import { createCoverageTally, type CoverageTally } from '../store/coverage.ts';
import { createSandboxAccess } from './sandbox-access.ts';
import type { ScenarioLibrary } from './scenario-library.ts';
import { createSimService } from './sim-service.ts';

export type ServiceOptions = {
  store: Store;
  journal?: Journal;
  /** Behaviour coverage per sandbox (default: in memory, like the journal). */
  coverage?: CoverageTally;
  sleep?: Sleep;
  idSource?: IdSource;
  /** The scenario folders: seeding, listing and replaying (src/scenarios builds it; it builds whole apps). */
  scenarios?: ScenarioLibrary;
};

/** Every service over one store: what the API faces and the console call. */
export function createServices(options: ServiceOptions) {
  const { store } = options;
  const journal = options.journal ?? createJournal();
  const coverage = options.coverage ?? createCoverageTally();
  const runner = createCommandRunner({ store, idSource: options.idSource });
  const adc = createAlarmComWebServices({ runner, sleep: options.sleep });
  return {
    journal,
    coverage,
    runner,
    adc,
    dealer: createDealerService({ runner, adc }),
    billing: createBillingService({ runner }),
    sim: createSimService({ store, runner, journal, coverage, scenarios: options.scenarios }),
    idempotency: createIdempotencyService({ store }),
    coverageReads: createCoverageService({ store, coverage }),
    findLogin: createLoginFinder(store),
    sandboxes: createSandboxAccess(store),
  };
}

export type Services = ReturnType<typeof createServices>;
/** What the HTTP layer records answered requests into. */
export type { CoverageTally, Journal, JournalBody, JournalRecord };
