// The state of one sandbox: plain JSON data, owned by the store, changed only through patches.
// Money is integer cents; instants are ISO strings (UTC, "2019-03-03T00:00:00.000Z");
// calendar dates are "YYYY-MM-DD".

export type IsoInstant = string;
export type IsoDate = string;
export type Cents = number;

export const MMR_LINE_ITEM_ID = 3;

export type LineItem = { id: number; name: string; code: string };

export type Customer = {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  /** The Alarm.com Interactive Services Provider this account is configured with, if any. */
  ispId: number | null;
  createdAt: IsoInstant;
};

/** Alarm.com Interactive Services Provider as configured in SecurityTrax. */
export type Isp = {
  id: number;
  name: string;
  username: string;
  /** Write-only through the API; kept so the simulator can call Alarm.com web services with it. */
  password: string;
  billingIntegration: boolean;
  /** When the Billing Integration was last enabled; the role cache refreshes roleCacheMinutes later. */
  billingIntegrationEnabledAt: IsoInstant | null;
  /** Set when the Alarm.com role cache has caught up with the enabled integration. */
  roleCacheRefreshedAt: IsoInstant | null;
};

/** Dealer credentials as Alarm.com knows them (the other side of an ISP's username/password). */
export type AdcCredential = {
  id: number;
  username: string;
  password: string;
  roles: string[];
  /** What SetSecurityTraxSettings stored for these credentials. */
  securityTraxSettings: { billingIntegrationEnabled: boolean; updatedAt: IsoInstant | null };
};

export const SECURITYTRAX_ROLE = 'SecurityTrax';

/** An Alarm.com end-user login, linked (or not) to a SecurityTrax customer. */
export type AdcLogin = {
  id: number;
  username: string;
  password: string;
  customerId: number | null;
};

export type RecurringLine = {
  lineItemId: number;
  description: string;
  amountCents: Cents;
  /** How many invoices carry this line: null = every invoice, 1 = one-time charge, n = n installments. */
  occurrences: number | null;
};

export type RecurringInvoice = {
  id: number;
  customerId: number;
  saleDate: IsoDate;
  startDate: IsoDate;
  /** Days between an invoice's date and its due date (0 = due the day it is created). */
  netDays: number;
  lines: RecurringLine[];
  billingMethodId: number | null;
  /** Date of the next invoice the schedule will create (monthly, on startDate's day, clamped to month end). */
  nextInvoiceDate: IsoDate;
  invoicesCreated: number;
  createdAt: IsoInstant;
};

export type InvoiceLine = { lineItemId: number; description: string; amountCents: Cents };

export type InvoiceStatus = 'open' | 'past_due' | 'paid';

export type Invoice = {
  id: number;
  customerId: number;
  recurringInvoiceId: number | null;
  invoiceDate: IsoDate;
  dueDate: IsoDate;
  lines: InvoiceLine[];
  totalCents: Cents;
  balanceCents: Cents;
  status: InvoiceStatus;
  /** When the status was entered (state-machine.ts): at creation, then at each change; absent in older snapshots. */
  statusChangedAt?: IsoInstant;
  /** Set once Auto Pay has tried this invoice on its due date (success or not), so it is tried once. */
  autoPayAttemptedAt: IsoInstant | null;
  createdAt: IsoInstant;
};

/** What the simulated processor does with an instrument; derived from the number at input time. */
export type InstrumentBehavior =
  | { kind: 'succeed' }
  | { kind: 'decline' }
  | { kind: 'insufficient_funds' }
  | { kind: 'expired' }
  | { kind: 'succeed_then_decline'; successes: number }
  | { kind: 'bank_returned' }
  | { kind: 'processor_fault' };

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'unknown';

export type BillingMethod = {
  id: number;
  customerId: number;
  type: 'credit_card' | 'bank_account';
  /** Never the full number or CVV: brand + last 4 (+ expiry) only. */
  card: { brand: CardBrand; last4: string; expMonth: number; expYear: number; holderName: string } | null;
  bankAccount: {
    bankName: string | null;
    accountType: 'checking' | 'savings';
    last4: string;
    holderName: string;
  } | null;
  behavior: InstrumentBehavior;
  /** Charges attempted so far with this method (drives succeed_then_decline). */
  chargeCount: number;
  /** Its status (state-machine.ts BILLING_METHOD): set by the clock, cleared by a new expiry. */
  expired: boolean;
  /** When `expired` was last set: at creation, then at each change; absent in older snapshots. */
  statusChangedAt?: IsoInstant;
  createdAt: IsoInstant;
};

export type PaymentStatus = 'succeeded' | 'failed';
export type PaymentSource = 'one_time' | 'auto_pay' | 'dealer';
export type DeclineReason =
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'bank_account_returned'
  | 'processor_fault';

export type Allocation = { invoiceId: number; amountCents: Cents };

export type Payment = {
  id: number;
  customerId: number;
  amountCents: Cents;
  billingMethodId: number;
  source: PaymentSource;
  status: PaymentStatus;
  failureReason: DeclineReason | null;
  allocations: Allocation[];
  createdAt: IsoInstant;
};

export type SimEvent = {
  id: number;
  at: IsoInstant;
  type: string;
  data: Record<string, unknown>;
};

export type SandboxSettings = {
  /** Minutes Alarm.com takes to refresh cached roles after the integration is enabled (0 allowed). */
  roleCacheMinutes: number;
  /** How long SecurityTrax waits for Alarm.com web services before giving up. */
  adcTimeoutMs: number;
};

export type Faults = {
  /** The next n charges are declined whatever the instrument. */
  declineNextCharges: number;
  alarmComWebServices: 'up' | 'down' | 'slow';
  /** Delay added when alarmComWebServices is 'slow'. */
  slowMs: number;
  /** Times the SecurityTrax temporary tokens were expired at once (absent: never); older tokens are expired. */
  tokensExpired?: number;
};

/** The collection of what a creating request with an Idempotency-Key made (any list of the state). */
export type IdempotentResourceType = keyof Collections;

/**
 * What a creating request sent with an Idempotency-Key produced, committed in the same patch as the
 * command's changes: a retry with the same key (same sandbox, same user) and the same request replays the
 * response (re-rendered from `resource`) without running the command again. Holds no request body: the
 * fingerprint is a hash of the operation, path and body, so no card number or CVV is ever kept.
 */
export type IdempotencyRecord = {
  id: number;
  key: string;
  /** Who sent it: "dealer:<username>" or "login:<id>". */
  scope: string;
  /** sha256 (base64url) of operationId, path and canonical JSON body. */
  fingerprint: string;
  operationId: string;
  /** Status of the first response (201, or 402 for a declined payment). */
  status: number;
  resource: { type: IdempotentResourceType; id: number };
  createdAt: IsoInstant;
};

/** A SecurityTrax integrator key (X-SecurityTrax-IntegratorKey): identifies the integrating application. */
export type IntegratorKey = { id: number; key: string; name: string; createdAt: IsoInstant };

/** A SecurityTrax personal access token: a bearer token that never expires. Only its hash is kept. */
export type PersonalAccessToken = { id: number; name: string; tokenHash: string; createdAt: IsoInstant };

export type SeedRef = { kind: 'demo' } | { kind: 'empty' } | { kind: 'scenario'; name: string };

export type Collections = {
  customers: Customer[];
  isps: Isp[];
  adcCredentials: AdcCredential[];
  logins: AdcLogin[];
  lineItems: LineItem[];
  recurringInvoices: RecurringInvoice[];
  invoices: Invoice[];
  billingMethods: BillingMethod[];
  payments: Payment[];
  idempotencyKeys: IdempotencyRecord[];
  /** Absent: the documented demo key only (see src/domain/securitytrax-access.ts). */
  integratorKeys?: IntegratorKey[];
  personalAccessTokens?: PersonalAccessToken[];
};

export type SandboxState = Collections & {
  name: string;
  /**
   * Which life of the sandbox this is: a random id the store stamps each time the state is created or
   * replaced (create, clone, reset, scenario load). Temporary SecurityTrax tokens name it, so they end with
   * it. Never shown on a face.
   */
  incarnation: string;
  seed: SeedRef;
  now: IsoInstant;
  settings: SandboxSettings;
  faults: Faults;
  /** Last id handed out per kind: ids are deterministic for the same start state and commands. */
  lastIds: Record<string, number>;
  /** SecurityTrax dealer API credentials; absent (an `empty` sandbox) means no dealer login succeeds. */
  dealer?: { username: string; password: string };
};

/**
 * A whole sandbox as it is seeded and saved: its state and its timeline. The store keeps the timeline apart
 * (packed, read through an EventReader); the rules read the state and add events through their patches.
 */
export type SandboxDocument = SandboxState & { events: SimEvent[] };
