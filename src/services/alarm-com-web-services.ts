import { DomainError } from '../domain/errors.ts';
import { adcAuthenticate, requireSecurityTraxRole, setSecurityTraxSettings } from '../domain/integration.ts';
import type { AdcCredential } from '../domain/types.ts';
import type { CommandRunner } from './command-runner.ts';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    const abort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });

export type SecurityTraxSettings = AdcCredential['securityTraxSettings'];

/**
 * The simulated Alarm.com web services GetSecurityTraxSettings / SetSecurityTraxSettings, with the
 * sandbox's faults (down, slow). Reached over HTTP by clients, and in process by SecurityTrax itself.
 */
export type AlarmComWebServices = {
  getSettings(sandbox: string, username: string, password: string, signal?: AbortSignal): Promise<SecurityTraxSettings>;
  setSettings(
    sandbox: string,
    username: string,
    password: string,
    enabled: boolean,
    signal?: AbortSignal,
  ): Promise<SecurityTraxSettings>;
};

export function createAlarmComWebServices({
  runner,
  sleep = realSleep,
}: {
  runner: CommandRunner;
  sleep?: Sleep;
}): AlarmComWebServices {
  // Faults first (an unreachable service checks nothing), then credentials, then the role.
  const authorize = async (
    sandbox: string,
    username: string,
    password: string,
    signal?: AbortSignal,
  ): Promise<AdcCredential> => {
    const { faults } = runner.read(sandbox);
    if (faults.alarmComWebServices === 'down') {
      throw new DomainError(
        'upstream_unavailable',
        'alarm-com-unavailable',
        'Alarm.com unavailable',
        'The Alarm.com web services are down (simulated fault).',
      );
    }
    if (faults.alarmComWebServices === 'slow') await sleep(faults.slowMs, signal);
    signal?.throwIfAborted();
    const credential = adcAuthenticate(runner.read(sandbox), username, password);
    requireSecurityTraxRole(credential);
    return credential;
  };
  return {
    async getSettings(sandbox, username, password, signal) {
      return (await authorize(sandbox, username, password, signal)).securityTraxSettings;
    },
    async setSettings(sandbox, username, password, enabled, signal) {
      const credential = await authorize(sandbox, username, password, signal);
      const next = await runner.run(sandbox, (state, ctx) =>
        setSecurityTraxSettings(state, credential.id, enabled, ctx),
      );
      return next.securityTraxSettings;
    },
  };
}
