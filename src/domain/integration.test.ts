import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { adcAuthenticate, applyIntegrationChange, requireSecurityTraxRole, setSecurityTraxSettings, type IntegrationOutcome } from './integration.ts';
import { applied, makeCtx, makeIsp, makeState } from '../../test/support/domain-fixtures.ts';
import { SECURITYTRAX_ROLE, type AdcCredential, type SandboxState } from './types.ts';

const credential = (o: Partial<AdcCredential> = {}): AdcCredential => ({
  id: 1,
  username: 'acme-isp',
  password: 'isp-pass',
  roles: [SECURITYTRAX_ROLE],
  securityTraxSettings: { billingIntegrationEnabled: false, updatedAt: null },
  ...o,
});
const offIsp = makeIsp({ billingIntegration: false, billingIntegrationEnabledAt: null, roleCacheRefreshedAt: null });

/** What the service does: authenticate, check the role, set the settings, then record the outcome. */
function enable(state: SandboxState): { state: SandboxState; failure: DomainError | null } {
  const ctx = makeCtx(state);
  let outcome: IntegrationOutcome;
  let s = state;
  try {
    const cred = adcAuthenticate(s, 'acme-isp', 'isp-pass');
    requireSecurityTraxRole(cred);
    s = applied(s, setSecurityTraxSettings(s, cred.id, true, ctx).patch);
    outcome = { ok: true, enabled: true };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    outcome = { ok: false, code: e.code, detail: e.message };
  }
  const { patch, result } = applyIntegrationChange(s, 1, outcome, ctx);
  return { state: applied(s, patch), failure: result.failure };
}

describe('Billing Integration', () => {
  it('enabling with the SecurityTrax Role sets the flag and starts the role-cache wait', () => {
    const { state, failure } = enable(makeState({ isps: [offIsp], adcCredentials: [credential()] }));
    expect(failure).toBeNull();
    expect(state.isps[0]).toMatchObject({ billingIntegration: true, billingIntegrationEnabledAt: state.now, roleCacheRefreshedAt: null });
    expect(state.adcCredentials[0]?.securityTraxSettings).toEqual({ billingIntegrationEnabled: true, updatedAt: state.now });
    expect(state.events.map((e) => e.type)).toEqual(['alarm_com.securitytrax_settings.updated', 'integration.enabled']);
  });

  it('enabling without the SecurityTrax Role leaves the flag false', () => {
    const { state, failure } = enable(makeState({ isps: [offIsp], adcCredentials: [credential({ roles: [] })] }));
    expect(state.isps[0]?.billingIntegration).toBe(false);
    expect(failure).toMatchObject({ kind: 'validation', code: 'securitytrax-role-missing', title: 'SecurityTrax Role missing' });
    expect(failure?.message).toMatch(/acme-isp.*ask Alarm\.com to add the SecurityTrax Role/i);
    expect(state.events.map((e) => [e.type, e.data.code])).toEqual([['integration.enable_failed', 'securitytrax-role-missing']]);
    expect(state.adcCredentials[0]?.securityTraxSettings.billingIntegrationEnabled).toBe(false);
  });

  it('bad Alarm.com credentials are refused', () => {
    const state = makeState({ adcCredentials: [credential()] });
    expect(() => adcAuthenticate(state, 'acme-isp', 'wrong')).toThrow(expect.objectContaining({ kind: 'unauthorized', code: 'invalid-credentials' }));
    expect(enable(makeState({ isps: [offIsp], adcCredentials: [credential({ password: 'other' })] })).failure?.code).toBe('invalid-credentials');
  });

  it('with roleCacheMinutes 0 the role cache is refreshed at once', () => {
    const start = makeState({ isps: [offIsp], adcCredentials: [credential()], settings: { roleCacheMinutes: 0, adcTimeoutMs: 2000 } });
    const { state } = enable(start);
    expect(state.isps[0]?.roleCacheRefreshedAt).toBe(state.now);
    expect(state.events.map((e) => e.type)).toContain('role_cache.refreshed');
  });

  it('disabling clears the flag and the role cache', () => {
    const state = makeState({ isps: [makeIsp()] });
    const { patch } = applyIntegrationChange(state, 1, { ok: true, enabled: false }, makeCtx(state));
    expect(applied(state, patch).isps[0]).toMatchObject({ billingIntegration: false, roleCacheRefreshedAt: null });
    expect(patch.events?.map((e) => e.type)).toEqual(['integration.disabled']);
  });

  it('a failed re-enable leaves an enabled integration as it was', () => {
    const state = makeState({ isps: [makeIsp()] });
    const { patch, result } = applyIntegrationChange(state, 1, { ok: false, code: 'alarm-com-unavailable', detail: 'down' }, makeCtx(state));
    expect(patch.upsert).toBeUndefined();
    expect(result.failure).toMatchObject({ kind: 'upstream_unavailable' });
  });
});
