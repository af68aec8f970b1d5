import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import {
  adcAuthenticate,
  applyIntegrationChange,
  requireSecurityTraxRole,
  setSecurityTraxSettings,
  type IntegrationOutcome,
} from './integration.ts';
import { applied, makeCtx, makeIsp, makeState } from '../../test/support/domain-fixtures.ts';
import { SECURITYTRAX_ROLE, type AdcCredential, type SandboxState, type SimEvent } from './types.ts';

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
function enable(state: SandboxState): { state: SandboxState; events: SimEvent[]; failure: DomainError | null } {
  const ctx = makeCtx(state);
  let outcome: IntegrationOutcome;
  let s = state;
  const events: SimEvent[] = [];
  try {
    const cred = adcAuthenticate(s, 'acme-isp', 'isp-pass');
    requireSecurityTraxRole(cred);
    const settings = setSecurityTraxSettings(s, cred.id, true, ctx).patch;
    events.push(...(settings.events ?? []));
    s = applied(s, settings);
    outcome = { ok: true, enabled: true };
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    outcome = { ok: false, code: e.code, detail: e.message };
  }
  const { patch, result } = applyIntegrationChange(s, 1, outcome, ctx);
  events.push(...(patch.events ?? []));
  return { state: applied(s, patch), events, failure: result.failure };
}

describe('Billing Integration', () => {
  it('enabling with the SecurityTrax Role sets the flag and starts the role-cache wait', () => {
    const { state, events, failure } = enable(makeState({ isps: [offIsp], adcCredentials: [credential()] }));
    expect(failure).toBeNull();
    expect(state.isps[0]).toMatchObject({
      billingIntegration: true,
      billingIntegrationEnabledAt: state.now,
      roleCacheRefreshedAt: null,
    });
    expect(state.adcCredentials[0]?.securityTraxSettings).toEqual({
      billingIntegrationEnabled: true,
      updatedAt: state.now,
    });
    expect(events.map((e) => e.type)).toEqual(['alarm_com.securitytrax_settings.updated', 'integration.enabled']);
  });

  it('enabling without the SecurityTrax Role leaves the flag false', () => {
    const { state, events, failure } = enable(
      makeState({ isps: [offIsp], adcCredentials: [credential({ roles: [] })] }),
    );
    expect(state.isps[0]?.billingIntegration).toBe(false);
    expect(failure).toMatchObject({
      kind: 'validation',
      code: 'securitytrax-role-missing',
      title: 'SecurityTrax Role missing',
    });
    expect(failure?.message).toMatch(/acme-isp.*ask Alarm\.com to add the SecurityTrax Role/i);
    expect(events.map((e) => [e.type, e.data.code])).toEqual([
      ['integration.enable_failed', 'securitytrax-role-missing'],
    ]);
    expect(state.adcCredentials[0]?.securityTraxSettings.billingIntegrationEnabled).toBe(false);
  });

  it('bad Alarm.com credentials are refused', () => {
    const state = makeState({ adcCredentials: [credential()] });
    expect(() => adcAuthenticate(state, 'acme-isp', 'wrong')).toThrow(
      expect.objectContaining({ kind: 'unauthorized', code: 'invalid-credentials' }),
    );
    expect(
      enable(makeState({ isps: [offIsp], adcCredentials: [credential({ password: 'other' })] })).failure?.code,
    ).toBe('invalid-credentials');
  });

  it('with roleCacheMinutes 0 the role cache is refreshed at once', () => {
    const start = makeState({
      isps: [offIsp],
      adcCredentials: [credential()],
      settings: { roleCacheMinutes: 0, adcTimeoutMs: 2000 },
    });
    const { state, events } = enable(start);
    expect(state.isps[0]?.roleCacheRefreshedAt).toBe(state.now);
    expect(events.map((e) => e.type)).toContain('role_cache.refreshed');
  });

  it('disabling clears the flag and the role cache', () => {
    const state = makeState({ isps: [makeIsp()] });
    const { patch } = applyIntegrationChange(state, 1, { ok: true, enabled: false }, makeCtx(state));
    expect(applied(state, patch).isps[0]).toMatchObject({ billingIntegration: false, roleCacheRefreshedAt: null });
    expect(patch.events?.map((e) => e.type)).toEqual(['integration.disabled']);
  });

  it('a failed re-enable leaves an enabled integration as it was', () => {
    const state = makeState({ isps: [makeIsp()] });
    const { patch, result } = applyIntegrationChange(
      state,
      1,
      { ok: false, code: 'alarm-com-unavailable', detail: 'down' },
      makeCtx(state),
    );
    expect(patch.upsert).toBeUndefined();
    expect(result.failure).toMatchObject({ kind: 'upstream_unavailable' });
  });

  it('each Alarm.com refusal keeps its kind and title on the SecurityTrax side; an unknown one reads as a conflict', () => {
    const state = makeState({ isps: [offIsp] });
    const failure = (code: string) => {
      const { patch, result } = applyIntegrationChange(state, 1, { ok: false, code, detail: 'why' }, makeCtx(state));
      expect(patch.events?.[0]).toMatchObject({
        type: 'integration.enable_failed',
        data: { ispId: 1, code, detail: 'why' },
      });
      expect(result.isp.billingIntegration).toBe(false);
      return {
        kind: result.failure?.kind,
        title: result.failure?.title,
        message: result.failure?.message,
        extensions: result.failure?.extensions,
      };
    };
    expect(failure('invalid-credentials')).toEqual({
      kind: 'validation',
      title: 'Alarm.com rejected the ISP credentials',
      message: 'why',
      extensions: { ispId: 1 },
    });
    expect(failure('alarm-com-unavailable')).toMatchObject({
      kind: 'upstream_unavailable',
      title: 'Alarm.com unavailable',
    });
    expect(failure('alarm-com-timeout')).toMatchObject({ kind: 'upstream_timeout', title: 'Alarm.com timed out' });
    expect(failure('something-else')).toMatchObject({ kind: 'conflict', title: 'Billing Integration not enabled' });
    expect(() => applyIntegrationChange(state, 9, { ok: true, enabled: true }, makeCtx(state))).toThrow(
      'Interactive Services Provider 9 does not exist.',
    );
    const on = applyIntegrationChange(state, 1, { ok: true, enabled: true }, makeCtx(state));
    expect(on.patch.events?.map((e) => [e.type, e.data])).toEqual([['integration.enabled', { ispId: 1 }]]);
    const same = applyIntegrationChange(state, 1, { ok: true, enabled: false }, makeCtx(state));
    expect(same).toEqual({ patch: {}, result: { isp: offIsp, failure: null } });
  });

  it('web service sign-in and the SecurityTrax Role: the refusals say who and why', () => {
    const state = makeState({ adcCredentials: [credential({ roles: [] })] });
    expect(() => adcAuthenticate(state, 'acme-isp', 'wrong')).toThrow(
      expect.objectContaining({
        kind: 'unauthorized',
        code: 'invalid-credentials',
        title: 'Invalid credentials',
        message: 'The Alarm.com username or password is incorrect.',
      }),
    );
    expect(() => requireSecurityTraxRole(credential({ roles: [] }))).toThrow(
      expect.objectContaining({
        kind: 'forbidden',
        code: 'securitytrax-role-missing',
        title: 'SecurityTrax Role missing',
        extensions: { username: 'acme-isp' },
      }),
    );
    expect(() => setSecurityTraxSettings(state, 9, true, makeCtx(state))).toThrow(
      'Alarm.com credential 9 does not exist.',
    );
    const set = setSecurityTraxSettings(state, 1, true, makeCtx(state));
    expect(set.patch.events?.[0]).toMatchObject({
      type: 'alarm_com.securitytrax_settings.updated',
      data: { credentialId: 1, billingIntegrationEnabled: true },
    });
  });
});
