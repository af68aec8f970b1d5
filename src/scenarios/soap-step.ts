// Scenario steps that call an Alarm.com SOAP operation (`call: GetSecurityTraxSettings`, `as: isp:<username>`,
// `body: { BillingIntegrationEnabled: true }`): the runner sends a SOAP 1.1 envelope, and a SOAP answer is
// shown to expectations as its result (`expect.body`) or, for a fault, as a problem-like object whose
// `type` ends in the fault's code (`expect.problem`).
import { readSoapAnswer, soapRequest } from '../http/faces/alarm-com-soap/client-codec.ts';
import { isSoapOperation } from '../http/faces/alarm-com-soap/operations.ts';
import { SERVICE_PATH } from '../http/faces/alarm-com-soap/soap-constants.ts';
import { PROBLEM_BASE } from '../http/problem.ts';
import type { Setup } from '../seeds/setup.ts';
import type { Step } from './scenario-types.ts';

class SoapStepError extends Error {}

export const isSoapStep = (step: Step): boolean => step.call !== undefined && isSoapOperation(step.call);

export function buildSoapRequest(step: Step, given: Setup, sandbox: string): Request {
  const operation = step.call!;
  if (!isSoapOperation(operation)) throw new SoapStepError(`${operation} is not a SOAP operation`);
  if (!step.as?.startsWith('isp:'))
    throw new SoapStepError(`${operation} needs Alarm.com credentials: add "as: isp:<username>"`);
  const username = step.as.slice(4);
  const credential =
    given.alarmComCredentials?.find((c) => c.username === username) ?? given.isps?.find((i) => i.username === username);
  if (!credential)
    throw new SoapStepError(`no Alarm.com credentials "${username}" in given.alarmComCredentials or given.isps`);
  const input = Object.fromEntries(
    Object.entries((step.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );
  const { body, headers } = soapRequest('1.1', operation, { username, password: credential.password }, input);
  return new Request(`http://trax-sim.local${SERVICE_PATH}`, {
    method: 'POST',
    headers: { ...headers, 'x-sandbox': sandbox, ...step.headers },
    body,
  });
}

export const isSoapResponse = (res: Response): boolean =>
  /^(text\/xml|application\/soap\+xml)\b/.test(res.headers.get('content-type') ?? '');

/** What expectations see of a SOAP answer: the result, or a fault as { type, faultcode, subcode, reason }. */
export function soapReplyBody(text: string): unknown {
  const answer = readSoapAnswer(undefined, text);
  if (answer.kind === 'result') return answer.result;
  if (answer.kind === 'fault') return { type: `${PROBLEM_BASE}${answer.fault.code}`, ...answer.fault };
  return text;
}
