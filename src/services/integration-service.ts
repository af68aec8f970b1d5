import { DomainError } from '../domain/errors.ts';
import { applyIntegrationChange, type IntegrationOutcome } from '../domain/integration.ts';
import { notFound } from '../domain/errors.ts';
import type { Isp } from '../domain/types.ts';
import type { AlarmComWebServices } from './alarm-com-web-services.ts';
import type { CommandRunner } from './command-runner.ts';
import type { RunOptions } from './idempotency.ts';

/**
 * Checking "Billing Integration" on an ISP: SecurityTrax calls GetSecurityTraxSettings and
 * SetSecurityTraxSettings with the ISP's credentials. The flag is saved only if both succeed in time;
 * otherwise it stays as it was and the failure is recorded and reported.
 */
export async function changeBillingIntegration(
  deps: { runner: CommandRunner; adc: AlarmComWebServices },
  sandbox: string,
  ispId: number,
  enabled: boolean,
  options?: RunOptions,
): Promise<Isp> {
  const { runner, adc } = deps;
  const state = runner.read(sandbox);
  const isp = state.isps.find((i) => i.id === ispId);
  if (!isp) throw notFound('Interactive Services Provider', ispId);
  if (isp.billingIntegration === enabled) return isp;

  const timeoutMs = state.settings.adcTimeoutMs;
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new DomainError(
          'upstream_timeout',
          'alarm-com-timeout',
          'Alarm.com timed out',
          `Alarm.com did not answer within ${timeoutMs} ms; the Billing Integration was not changed.`,
        ),
      ),
    timeoutMs,
  );
  let outcome: IntegrationOutcome;
  try {
    await adc.getSettings(sandbox, isp.username, isp.password, controller.signal);
    await adc.setSettings(sandbox, isp.username, isp.password, enabled, controller.signal);
    outcome = { ok: true, enabled };
  } catch (err) {
    const reason = controller.signal.aborted ? controller.signal.reason : err;
    if (!(reason instanceof DomainError)) throw reason;
    outcome = { ok: false, code: reason.code, detail: reason.message };
  } finally {
    clearTimeout(timer);
  }
  const change = await runner.run(sandbox, (s, ctx) => applyIntegrationChange(s, ispId, outcome, ctx), options);
  if (change.failure) throw change.failure;
  return change.isp;
}
