import { compiledSpec } from '../http/compiled-spec.ts';
import { DEMO_CREDENTIALS } from '../seeds/demo.ts';
import { generatedLoginPassword } from '../seeds/generate.ts';
import type { Setup } from '../seeds/setup.ts';
import type { Step } from './scenario-types.ts';
import { buildSoapRequest, isSoapStep } from './soap-step.ts';
import { JSON_API } from '../http/faces/securitytrax/media-types.ts';
import { isSecurityTraxOp, jsonApiBody } from './securitytrax-step.ts';

export class StepError extends Error {}

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

/** `as:` -> an Authorization header, with passwords looked up in the scenario's given. */
export function authorizationFor(as: string | undefined, given: Setup, security: string[]): string | undefined {
  if (as === undefined) {
    if (security.length)
      throw new StepError(`this operation needs credentials: add "as: <login>|dealer|isp:<username>"`);
    return undefined;
  }
  if (as === 'anonymous') return undefined;
  if (as === 'dealer') {
    const d = given.dealer ?? DEMO_CREDENTIALS.dealer;
    return basic(d.username, d.password);
  }
  if (as.startsWith('isp:')) {
    const username = as.slice(4);
    const cred =
      given.alarmComCredentials?.find((c) => c.username === username) ??
      given.isps?.find((i) => i.username === username);
    if (!cred) throw new StepError(`no Alarm.com credentials "${username}" in given.alarmComCredentials or given.isps`);
    return basic(username, cred.password);
  }
  const generated = generatedLoginPassword(given, as);
  if (generated !== undefined) return basic(as, generated);
  const login = given.logins?.find((l) => l.username === as);
  if (!login) throw new StepError(`no end-user login "${as}" in given.logins or given.generate`);
  return basic(login.username, login.password);
}

/**
 * Turns a `call:` step into a Request against the app: path params filled, the rest as query. SecurityTrax
 * operations get `dealerHeaders` (integrator key, bearer token), `{profile}` = the sandbox, a JSON:API body.
 */
export function buildCallRequest(
  step: Step,
  given: Setup,
  sandbox: string,
  dealerHeaders?: Record<string, string>,
): Request {
  if (isSoapStep(step)) return buildSoapRequest(step, given, sandbox);
  const op = compiledSpec().index.byId.get(step.call!);
  if (!op) throw new StepError(`unknown operationId "${step.call}" (see spec/openapi.yaml)`);
  const jsonApi = isSecurityTraxOp(op);
  const params: Record<string, unknown> = jsonApi ? { profile: sandbox, ...step.params } : { ...step.params };
  const resourceId = params.id;
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (!Object.hasOwn(params, name)) throw new StepError(`missing path parameter "${name}" in params`);
    const value = params[name];
    delete params[name];
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  const headers: Record<string, string> = { 'x-sandbox': sandbox, ...step.headers };
  if (jsonApi) {
    delete headers['x-sandbox']; // {profile} names it
    Object.assign(headers, dealerHeaders);
  } else {
    const auth = authorizationFor(step.as, given, op.security);
    if (auth) headers.authorization = auth;
  }
  let body: string | undefined;
  if (step.body !== undefined) {
    body = JSON.stringify(jsonApi ? jsonApiBody(op, step.body, resourceId) : step.body);
    headers['content-type'] = jsonApi ? JSON_API : 'application/json';
  }
  return new Request(`http://trax-sim.local${path}${query ? `?${query}` : ''}`, { method: op.method, headers, body });
}
