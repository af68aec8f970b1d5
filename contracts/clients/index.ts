export { basicAuth, specClient, type ClientOptions, type FetchLike, type SpecClient } from './http.ts';
export {
  BillingNotConfiguredError,
  isProblem,
  PaymentDeclinedError,
  PROBLEM_BASE,
  ProblemError,
  ValidationProblemError,
  type BillingNotConfiguredReason,
  type DeclineReason,
  type Problem,
} from './problems.ts';
export {
  BILLING_PATH,
  createBillingClient,
  type Bill,
  type BillingClient,
  type BillingSummary,
  type EndUserPayment,
  type MakePayment,
  type PaymentMethodChange,
  type PaymentMethodState,
  type PaymentMethodView,
  type PaymentOptions,
} from './billing-client.ts';
export {
  createWebServicesClient,
  SoapFaultError,
  WEB_SERVICES_PATH,
  type SecurityTraxSettingsResult,
  type SoapFault,
  type SoapVersion,
  type WebServicesClient,
  type WebServicesClientOptions,
} from './web-services-client.ts';
export {
  createSecurityTraxClient,
  JSON_API,
  type JsonApiErrorDocument,
  type SecurityTraxClient,
  type SecurityTraxClientOptions,
} from './securitytrax-client.ts';
export {
  createJournalClient,
  type JournalClient,
  type JournalClientOptions,
  type JournalEntry,
} from './journal-client.ts';
export {
  RequestVerificationError,
  type ExpectedCount,
  type RequestFilter,
} from '../../src/verify-requests.ts';
