import { advanceClock } from '../domain/advance-clock.ts';
import { emptyCollections } from '../domain/collections.ts';
import { createBillingMethod } from '../domain/billing-method.ts';
import { toInstant } from '../domain/dates.ts';
import { createAdcCredential, createCustomer, createIsp, createLogin, createManualInvoice } from '../domain/dealer.ts';
import { DomainError } from '../domain/errors.ts';
import { sequentialIds, type Ctx } from '../domain/ids.ts';
import { applyIntegrationChange, setSecurityTraxSettings } from '../domain/integration.ts';
import { DEFAULT_ROLE_CACHE_MINUTES, refreshRoleCache } from '../domain/role-cache.ts';
import { applyPatch, type CommandResult } from '../domain/patch.ts';
import { createRecurringInvoice } from '../domain/recurring.ts';
import type { SandboxDocument, SandboxState, SeedRef } from '../domain/types.ts';
import { createIndexedReader } from '../store/indexed-reader.ts';
import { DEMO_CREDENTIALS } from './demo.ts';
import { generatePopulation } from './generate.ts';
import { LINE_ITEM_CATALOGUE } from './line-items.ts';
import type { Setup, SetupRefs } from './setup.ts';

const DEFAULT_SETTINGS = { roleCacheMinutes: DEFAULT_ROLE_CACHE_MINUTES, adcTimeoutMs: 2000 };
const DEFAULT_FAULTS = { declineNextCharges: 0, alarmComWebServices: 'up', slowMs: 0 } as const;

export function emptyState(name: string, seed: SeedRef, now: string): SandboxDocument {
  return {
    name,
    incarnation: '', // stamped by the store when the state is added to it
    seed,
    now,
    settings: { ...DEFAULT_SETTINGS },
    faults: { ...DEFAULT_FAULTS },
    lastIds: {},
    ...emptyCollections(),
    lineItems: LINE_ITEM_CATALOGUE.map((l) => ({ ...l })),
    events: [],
  };
}

/** Builds a sandbox from a setup through the same domain commands the API uses, so rules hold. */
export function buildState(name: string, seed: SeedRef, setup: Setup): { state: SandboxDocument; refs: SetupRefs } {
  const state = emptyState(name, seed, toInstant(setup.clock));
  state.settings = { ...state.settings, ...setup.settings };
  state.faults = { ...state.faults, ...setup.faults };
  // The dealer user is stored explicitly: a scenario without `given.dealer` gets the demo's (documented).
  state.dealer = { ...(setup.dealer ?? DEMO_CREDENTIALS.dealer) };
  if (setup.integratorKeys)
    state.integratorKeys = setup.integratorKeys.map((key, i) => ({
      id: i + 1,
      key,
      name: `Integrator key ${i + 1}`,
      createdAt: state.now,
    }));
  if (setup.integratorKeys) state.lastIds = { ...state.lastIds, integratorKey: setup.integratorKeys.length };
  const refs: SetupRefs = {};
  // Indexed lookups: a generated population of 100,000 customers would otherwise scan its logins per login.
  const read = createIndexedReader();
  const run = <T>(command: (s: SandboxState, ctx: Ctx) => CommandResult<T>): T => {
    const { ids, lastIds } = sequentialIds(state.lastIds);
    const { patch, result } = command(state, { now: state.now, ids, read });
    applyPatch(state, { ...patch, lastIds: lastIds() }, read.replaced);
    // One push per event: spreading a month of a big dealer's events would overflow the call stack.
    for (const e of patch.events ?? []) state.events.push(e);
    return result;
  };
  const ref = (kind: string, key: string | null | undefined): number | null => {
    if (key === undefined || key === null) return null;
    const id = Object.hasOwn(refs, key) ? refs[key] : undefined;
    if (id === undefined)
      throw new DomainError(
        'validation',
        'unknown-reference',
        'Unknown reference',
        `The setup refers to ${kind} "${key}", which it does not define (earlier in the file).`,
      );
    return id;
  };
  const remember = (key: string, id: number) => {
    if (Object.hasOwn(refs, key))
      throw new DomainError(
        'validation',
        'duplicate-key',
        'Duplicate key',
        `The setup defines the key "${key}" twice.`,
      );
    refs[key] = id;
  };

  for (const c of setup.alarmComCredentials ?? []) run((s, ctx) => createAdcCredential(s, c, ctx));
  for (const i of setup.isps ?? []) {
    const isp = run((s, ctx) => createIsp(s, i, ctx));
    remember(i.key, isp.id);
    if (i.billingIntegration) {
      // A given state's integration was enabled long ago: Alarm.com stored the setting for the ISP's
      // credentials (when it knows them) and its role cache has caught up.
      const credential = state.adcCredentials.find((c) => c.username === i.username);
      if (credential) run((s, ctx) => setSecurityTraxSettings(s, credential.id, true, ctx));
      const enabled = run((s, ctx) => applyIntegrationChange(s, isp.id, { ok: true, enabled: true }, ctx)).isp;
      if (enabled.roleCacheRefreshedAt === null) run((_s, ctx) => refreshRoleCache(enabled, ctx));
    }
  }
  for (const c of setup.customers ?? []) {
    remember(c.key, run((s, ctx) => createCustomer(s, { ...c, ispId: ref('isp', c.isp) }, ctx)).id);
  }
  for (const l of setup.logins ?? [])
    run((s, ctx) => createLogin(s, { ...l, customerId: ref('customer', l.customer) }, ctx));
  for (const { key, customer, ...method } of setup.billingMethods ?? []) {
    remember(key, run((s, ctx) => createBillingMethod(s, ref('customer', customer)!, method, ctx)).id);
  }
  for (const { key, customer, billingMethod, ...r } of setup.recurringInvoices ?? []) {
    const input = {
      ...r,
      customerId: ref('customer', customer)!,
      billingMethodId: ref('billing method', billingMethod),
    };
    remember(key, run((s, ctx) => createRecurringInvoice(s, input, ctx)).id);
  }
  for (const { key, customer, ...inv } of setup.invoices ?? []) {
    remember(key, run((s, ctx) => createManualInvoice(s, { ...inv, customerId: ref('customer', customer)! }, ctx)).id);
  }
  if (setup.generate)
    generatePopulation(setup.generate, { run, ispId: ref('isp', setup.generate.isp), now: state.now });
  // Always run the clock (at least to `clock` itself) so whatever is already due has happened.
  run((s, ctx) => advanceClock(s, toInstant(setup.advanceTo ?? setup.clock), ctx));
  return { state, refs };
}
