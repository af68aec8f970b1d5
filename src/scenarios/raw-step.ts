// `request:` steps: a request sent as written, for the refusals a well-behaved client never provokes
// (malformed JSON, wrong media types, bad percent-encoding, broken SOAP envelopes...). `as` adds credentials
// as a `call:` step would (Basic for a login or an ISP, the dealer session's headers for `dealer`); headers
// written in the step win over them, so a step can send a wrong integrator key or no X-Sandbox at all.
import type { Setup } from '../seeds/setup.ts';
import type { RawRequest } from './scenario-types.ts';
import { authorizationFor, StepError } from './step-request.ts';

/** A raw body past this is a mistake in the scenario (the API refuses anything past 256 KiB anyway). */
const MAX_RAW_BODY = 8 * 1024 * 1024;

const lower = (headers: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

export function buildRawRequest(
  raw: RawRequest,
  as: string | undefined,
  given: Setup,
  sandbox: string,
  dealerHeaders: Record<string, string> | undefined,
): Request {
  const credentials =
    as === 'dealer'
      ? dealerHeaders
      : as === undefined || as === 'anonymous'
        ? {}
        : { authorization: authorizationFor(as, given, [])! };
  // The SecurityTrax face names its sandbox in the path ({profile}); an X-Sandbox there must agree.
  const sandboxHeader: Record<string, string> = raw.path.startsWith('/securitytrax/') ? {} : { 'x-sandbox': sandbox };
  const headers = { ...sandboxHeader, ...lower(credentials), ...lower(raw.headers) };
  const times = raw.repeat ?? 1;
  if (raw.body !== undefined && raw.body.length * times > MAX_RAW_BODY)
    throw new StepError(`request.body x repeat is ${raw.body.length * times} characters; at most ${MAX_RAW_BODY}`);
  const body = raw.body === undefined ? undefined : raw.body.repeat(times);
  return new Request(`http://trax-sim.local${raw.path}`, { method: raw.method, headers, body });
}
