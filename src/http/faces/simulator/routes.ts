import type { SimService } from '../../../services/sim-service.ts';
import { journalCount, journalEntries } from '../../../services/journal-filter.ts';
import { credentialView, eventPageView, loginView } from '../../../services/views.ts';
import { created, items, noContent, ok, type Handlers, type RequestInput } from '../../operation.ts';

type SimOps = Pick<
  Handlers,
  | 'getHealth'
  | 'listSandboxes'
  | 'createSandbox'
  | 'getSandbox'
  | 'deleteSandbox'
  | 'resetSandbox'
  | 'getClock'
  | 'advanceClock'
  | 'getSettings'
  | 'updateSettings'
  | 'getFaults'
  | 'setFaults'
  | 'listEvents'
  | 'getJournal'
  | 'countJournal'
  | 'listLogins'
  | 'createLogin'
  | 'updateLogin'
  | 'listAlarmComCredentials'
  | 'createAlarmComCredential'
  | 'updateAlarmComCredential'
  | 'setDealerCredentials'
>;

export type HealthInfo = { version: string; startedAt: number };

/** The simulator's control API under /__sim. */
/** A link of a /__sim answer keeps the /sandboxes/{name} prefix the request came with (a base URL is enough). */
const inSandbox = (i: RequestInput, link: string | null): string | null =>
  link === null ? null : `${i.base.prefix}${link}`;

export function simRoutes(sim: SimService, health: HealthInfo): SimOps {
  return {
    getHealth: async () => {
      const { store, sandboxes, retryAfterSeconds } = await sim.health();
      const body = {
        status: retryAfterSeconds === null ? 'ok' : 'unavailable',
        version: health.version,
        sandboxes,
        uptimeMs: Math.round(performance.now() - health.startedAt),
        store,
      };
      return retryAfterSeconds === null
        ? ok(body)
        : { status: 503, body, headers: { 'retry-after': String(retryAfterSeconds) } };
    },
    listSandboxes: async () => items(await sim.listSandboxes()),
    createSandbox: async (i) => created(await sim.createSandbox(i.body)),
    getSandbox: async (i) => ok(await sim.sandboxSummary(i.path.sandbox)),
    deleteSandbox: async (i) => {
      await sim.deleteSandbox(i.path.sandbox);
      return noContent();
    },
    resetSandbox: async (i) => ok(await sim.resetSandbox(i.sandbox)),
    getClock: (i) => ok(sim.clock(i.sandbox)),
    advanceClock: async (i) => {
      const advanced = await sim.advanceClock(i.sandbox, i.body, i);
      return ok({ ...advanced, next: inSandbox(i, advanced.next) });
    },
    getSettings: (i) => ok(sim.settings(i.sandbox)),
    updateSettings: async (i) => ok(await sim.updateSettings(i.sandbox, i.body)),
    getFaults: (i) => ok(sim.faults(i.sandbox)),
    setFaults: async (i) => ok(await sim.setFaults(i.sandbox, i.body)),
    listEvents: (i) => {
      const page = eventPageView(sim.eventPage(i.sandbox, i.query));
      return ok({ ...page, next: inSandbox(i, page.next) });
    },
    getJournal: async (i) => items(journalEntries(await sim.journal(i.sandbox), i.query)),
    countJournal: async (i) => ok({ count: journalCount(await sim.journal(i.sandbox), i.query) }),
    setDealerCredentials: async (i) => ok(await sim.setDealer(i.sandbox, i.body)),
    listLogins: (i) => items(sim.logins(i.sandbox).map(loginView)),
    createLogin: async (i) => created(loginView(await sim.createLogin(i.sandbox, i.body))),
    updateLogin: async (i) => ok(loginView(await sim.updateLogin(i.sandbox, i.path.loginId, i.body))),
    listAlarmComCredentials: (i) => items(sim.credentials(i.sandbox).map(credentialView)),
    createAlarmComCredential: async (i) => created(credentialView(await sim.createCredential(i.sandbox, i.body))),
    updateAlarmComCredential: async (i) =>
      ok(credentialView(await sim.updateCredential(i.sandbox, i.path.credentialId, i.body))),
  };
}
