// The whole behaviour catalogue: the billing integration's behaviours (domain/behaviours/catalogue.ts) and
// every refusal code of each API face, each exercised by a bundled scenario. A face's refusal is marked as
// `refusal.<face tag>.<code>` (refusal-marks.ts) whatever answered it; the lists below say which a client of
// each face must handle. The simulator's own control API is a harness, not the integration: not listed.
import { BEHAVIOURS, type Behaviour } from '../domain/behaviours/catalogue.ts';
import { FAULT_CODES } from './faces/alarm-com-soap/faults.ts';
import { refusalId } from './refusal-marks.ts';

type FaceRefusals = { tag: string; name: string; scenario: string; codes: readonly string[] };

/** Refusals of every face: the request's sandbox, its encoding, its body as a whole. */
const COMMON = [
  'invalid-sandbox-name',
  'sandbox-not-found',
  'malformed-percent-encoding',
  'payload-too-large',
  'unsupported-media-type',
  'validation-failed',
  'route-not-found',
];

/** Each face's refusals a client must handle (never store-unavailable or internal-error: the simulator's own). */
export const FACE_REFUSALS: readonly FaceRefusals[] = [
  {
    tag: 'AlarmComBilling',
    name: 'Alarm.com Billing API',
    scenario: 'billing-refusals',
    codes: [
      ...COMMON,
      'malformed-json',
      'json-too-deep',
      'unauthorized',
      'not-found',
      'billing-not-configured',
      'payment-declined',
      'card-expired',
      'amount-exceeds-balance',
      'nothing-owed',
      'no-billing-method',
      'ambiguous-billing-method',
      'invalid-card-number',
      'invalid-expiry',
      'number-in-name',
      'autopay-cannot-be-disabled',
      'billing-method-cannot-be-removed',
      'idempotency-key-reused',
    ],
  },
  {
    tag: 'SecurityTrax',
    name: 'SecurityTrax API',
    scenario: 'securitytrax-refusals',
    codes: [
      ...COMMON,
      'malformed-json',
      'json-too-deep',
      'not-acceptable',
      'unsupported-media-type-parameters',
      'sandbox-mismatch',
      'integrator-key-missing',
      'integrator-key-invalid',
      'invalid-credentials',
      'token-missing',
      'token-unknown',
      'token-expired',
      'invalid-query-parameter',
      'unknown-query-parameter',
      'invalid-include',
      'include-limit-exceeded',
      'invalid-filter',
      'filter-limit-exceeded',
      'invalid-fields',
      'invalid-sort',
      'client-generated-id',
      'id-mismatch',
      'invalid-decimal',
      'not-found',
      'unknown-isp',
      'invalid-card-number',
      'invalid-expiry',
      'invalid-routing-number',
      'invalid-account-number',
      'not-a-credit-card',
      'number-in-name',
      'due-before-invoice-date',
      'total-out-of-range',
      'nothing-owed',
      'payment-declined',
      'card-expired',
      'billing-method-cannot-be-removed',
      'idempotency-key-reused',
      'securitytrax-role-missing',
      'alarm-com-unavailable',
      'alarm-com-timeout',
    ],
  },
  {
    tag: 'AlarmComWebServices',
    name: 'Alarm.com web services (SOAP)',
    scenario: 'soap-refusals',
    codes: Object.keys(FAULT_CODES).filter((c) => c !== 'store-unavailable' && c !== 'internal-error'),
  },
];

/** Behaviours first, then each face's refusals. */
export const CATALOGUE: readonly Behaviour[] = [
  ...BEHAVIOURS,
  ...FACE_REFUSALS.flatMap(({ tag, name, scenario, codes }) =>
    codes.map((code) => ({
      id: refusalId(tag, code),
      group: 'refusal' as const,
      sentence: `The ${name} refuses a request with ${code}.`,
      scenario,
    })),
  ),
];
