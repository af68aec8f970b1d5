import { DomainError, notFound, type ErrorKind } from './errors.ts';
import type { Ctx } from './ids.ts';
import type { CommandResult } from './patch.ts';
import { event } from './events.ts';
import { mergePatches } from './patch.ts';
import { refreshRoleCache, roleCacheReadyAt } from './role-cache.ts';
import { SECURITYTRAX_ROLE, type AdcCredential, type Isp, type SandboxState } from './types.ts';

// Enabling the Billing Integration spans two systems: SecurityTrax (the ISP checkbox) and Alarm.com
// (SetSecurityTraxSettings on the ISP's credentials). The service makes the async call; both sides'
// rules live here.

export type IntegrationOutcome = { ok: true; enabled: boolean } | { ok: false; code: string; detail: string };

export type IntegrationChange = {
  isp: Isp;
  /** Set when Alarm.com refused: the service commits the patch (so the event is kept), then throws it. */
  failure: DomainError | null;
};

// How an Alarm.com refusal surfaces on the SecurityTrax side; unknown codes read as a conflict.
// The dealer's own request was fine: credentials the ISP is configured with being refused by
// Alarm.com is a 422 on the SecurityTrax side (a 401/403 would read as the dealer's own login failing).
const FAILURES: Record<string, { kind: ErrorKind; title: string }> = {
  'securitytrax-role-missing': { kind: 'validation', title: 'SecurityTrax Role missing' },
  'invalid-credentials': { kind: 'validation', title: 'Alarm.com rejected the ISP credentials' },
  'alarm-com-unavailable': { kind: 'upstream_unavailable', title: 'Alarm.com unavailable' },
  'alarm-com-timeout': { kind: 'upstream_timeout', title: 'Alarm.com timed out' },
};

export function applyIntegrationChange(
  state: Readonly<SandboxState>,
  ispId: number,
  outcome: IntegrationOutcome,
  ctx: Ctx,
): CommandResult<IntegrationChange> {
  const isp = state.isps.find((i) => i.id === ispId);
  if (!isp) throw notFound('Interactive Services Provider', ispId);

  if (!outcome.ok) {
    // The checkbox "does not stay checked": the flag is left as it was, only the attempt is recorded.
    const known = FAILURES[outcome.code] ?? { kind: 'conflict' as const, title: 'Billing Integration not enabled' };
    const failure = new DomainError(known.kind, outcome.code, known.title, outcome.detail, { ispId });
    const e = event(ctx, 'integration.enable_failed', { ispId, code: outcome.code, detail: outcome.detail });
    return { patch: { events: [e] }, result: { isp, failure } };
  }

  if (outcome.enabled === isp.billingIntegration) return { patch: {}, result: { isp, failure: null } };

  let next: Isp;
  if (outcome.enabled) {
    next = { ...isp, billingIntegration: true, billingIntegrationEnabledAt: ctx.now, roleCacheRefreshedAt: null };
  } else {
    next = { ...isp, billingIntegration: false, roleCacheRefreshedAt: null };
  }
  const changed = {
    upsert: { isps: [next] },
    events: [event(ctx, outcome.enabled ? 'integration.enabled' : 'integration.disabled', { ispId })],
  };
  // Alarm.com caches roles: end users see Billing only when the cache is ready (the clock refreshes it).
  const readyAt = roleCacheReadyAt(next, state.settings.roleCacheMinutes);
  if (readyAt === null || readyAt > Date.parse(ctx.now))
    return { patch: changed, result: { isp: next, failure: null } };
  const refreshed = refreshRoleCache(next, ctx);
  return { patch: mergePatches([changed, refreshed.patch]), result: { isp: refreshed.result, failure: null } };
}

/** Alarm.com web services: HTTP Basic with the ISP's Alarm.com credentials. */
export function adcAuthenticate(state: Readonly<SandboxState>, username: string, password: string): AdcCredential {
  const credential = state.adcCredentials.find((c) => c.username === username && c.password === password);
  if (!credential) {
    throw new DomainError(
      'unauthorized',
      'invalid-credentials',
      'Invalid credentials',
      'The Alarm.com username or password is incorrect.',
    );
  }
  return credential;
}

/** Get/SetSecurityTraxSettings need the "SecurityTrax Role" that only Alarm.com can grant. */
export function requireSecurityTraxRole(credential: Readonly<AdcCredential>): void {
  if (credential.roles.includes(SECURITYTRAX_ROLE)) return;
  throw new DomainError(
    'forbidden',
    'securitytrax-role-missing',
    'SecurityTrax Role missing',
    `The Alarm.com credentials "${credential.username}" do not have the SecurityTrax Role. Ask Alarm.com to add the SecurityTrax Role to these credentials.`,
    { username: credential.username },
  );
}

export function setSecurityTraxSettings(
  state: Readonly<SandboxState>,
  credentialId: number,
  enabled: boolean,
  ctx: Ctx,
): CommandResult<AdcCredential> {
  const credential = state.adcCredentials.find((c) => c.id === credentialId);
  if (!credential) throw notFound('Alarm.com credential', credentialId);
  const next: AdcCredential = {
    ...credential,
    securityTraxSettings: { billingIntegrationEnabled: enabled, updatedAt: ctx.now },
  };
  const e = event(ctx, 'alarm_com.securitytrax_settings.updated', { credentialId, billingIntegrationEnabled: enabled });
  return { patch: { upsert: { adcCredentials: [next] }, events: [e] }, result: next };
}
