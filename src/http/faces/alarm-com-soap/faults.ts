// The face's error vocabulary: every error thrown while serving it becomes a SOAP fault (in the request's
// SOAP version) with one stable code, spelled the same in the subcode and in detail/FaultDetail/Code.
// HTTP statuses as ASMX answers them: 500 for every SOAP 1.1 fault (WS-I Basic Profile R1126); SOAP 1.2
// per its HTTP binding, Sender 400 and every other fault 500.
import { DomainError } from '../../../domain/errors.ts';
import type { SoapVersion } from './soap-constants.ts';
import { describeEnvelopeErrors } from './fault-reasons.ts';
import type { FaultParts } from './xml-writer.ts';

/**
 * Every code a fault of this face can carry: the domain's kebab-case code -> the code on the wire. The spec
 * (SoapFaultCode) and the README's fault table list exactly these; strict response validation refuses others.
 */
export const FAULT_CODES = {
  'invalid-credentials': 'InvalidCredentials',
  'unsupported-media-type': 'UnsupportedMediaType',
  'malformed-xml': 'MalformedXml',
  'unsupported-charset': 'UnsupportedCharset',
  'doctype-not-allowed': 'DoctypeNotAllowed',
  'xml-too-deep': 'XmlTooDeep',
  'too-many-namespaces': 'TooManyNamespaces',
  'payload-too-large': 'PayloadTooLarge',
  'not-an-envelope': 'NotAnEnvelope',
  'version-mismatch': 'VersionMismatch',
  'must-understand': 'MustUnderstand',
  'unknown-operation': 'UnknownOperation',
  'soap-action-missing': 'SoapActionMissing',
  'soap-action-mismatch': 'SoapActionMismatch',
  'validation-failed': 'ValidationFailed',
  'invalid-sandbox-name': 'InvalidSandboxName',
  'sandbox-not-found': 'SandboxNotFound',
  'route-not-found': 'RouteNotFound',
  'alarm-com-unavailable': 'AlarmComUnavailable',
  'alarm-com-timeout': 'AlarmComTimeout',
  'store-unavailable': 'StoreUnavailable',
  'internal-error': 'InternalError',
} as const satisfies Record<string, string>;

const pascal = (code: string) => code.replace(/(^|-)([a-z0-9])/g, (_, __, ch: string) => ch.toUpperCase());

/** The wire code of a domain code: from the table (a code missing there fails strict response validation). */
const faultCodeOf = (code: string): string =>
  Object.hasOwn(FAULT_CODES, code) ? FAULT_CODES[code as keyof typeof FAULT_CODES] : pascal(code);

/** SOAP 1.1: 500 for every fault. SOAP 1.2: 400 for a Sender fault, 500 for the others. */
export const httpStatusOf = (version: SoapVersion, side: FaultParts['side']): number =>
  version === '1.2' && side === 'client' ? 400 : 500;

const SIDE_BY_CODE: Partial<Record<string, FaultParts['side']>> = {
  'version-mismatch': 'version-mismatch',
  'must-understand': 'must-understand',
};

export function faultOf(err: unknown, onUnexpected: (err: unknown) => void): FaultParts {
  if (err instanceof DomainError) {
    const server =
      err.kind === 'upstream_unavailable' || err.kind === 'upstream_timeout' || err.kind === 'store_unavailable';
    const errors = err.code === 'validation-failed' ? err.extensions.errors : undefined;
    return {
      side: SIDE_BY_CODE[err.code] ?? (server ? 'server' : 'client'),
      code: faultCodeOf(err.code),
      reason: Array.isArray(errors) ? describeEnvelopeErrors(errors) : err.message || err.title,
      notUnderstood: err.extensions.notUnderstood as FaultParts['notUnderstood'],
    };
  }
  onUnexpected(err);
  const reason =
    'The simulator hit an unexpected error; it has been logged on the server. Please report it with this request.';
  return { side: 'server', code: FAULT_CODES['internal-error'], reason };
}

export const clientFault = (code: keyof typeof FAULT_CODES, title: string, detail: string): DomainError =>
  new DomainError('bad_request', code, title, detail);
