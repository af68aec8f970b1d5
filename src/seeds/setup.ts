import type { NewBillingMethodInput } from '../domain/billing-method.ts';
import type { RecurringLineInput, LineInput } from '../domain/recurring.ts';
import type { Faults, SandboxSettings } from '../domain/types.ts';

/**
 * A starting state described as data: the demo seed and every scenario's `given` use this shape.
 * Entities reference each other by `key` (a name local to the setup); ids are handed out in order.
 */
export type Setup = {
  /** Virtual clock at the start, an ISO instant or a YYYY-MM-DD date (midnight UTC). */
  clock: string;
  settings?: Partial<SandboxSettings>;
  faults?: Partial<Faults>;
  dealer?: { username: string; password: string };
  /** SecurityTrax integrator keys this sandbox accepts; absent: the documented demo key. */
  integratorKeys?: string[];
  alarmComCredentials?: { username: string; password: string; roles?: string[] }[];
  isps?: { key: string; name: string; username: string; password: string; billingIntegration?: boolean }[];
  customers?: { key: string; firstName: string; lastName: string; email: string; isp?: string | null }[];
  logins?: { username: string; password: string; customer?: string | null }[];
  billingMethods?: ({ key: string; customer: string } & NewBillingMethodInput)[];
  recurringInvoices?: {
    key: string;
    customer: string;
    saleDate: string;
    startDate: string;
    netDays?: number;
    lines: RecurringLineInput[];
    billingMethod?: string | null;
  }[];
  invoices?: { key: string; customer: string; invoiceDate?: string; dueDate: string; lines: LineInput[] }[];
  /** A generated population, made after the listed entities (see generate.ts). */
  generate?: Generate;
  /**
   * Run the clock from `clock` to here once everything above exists (invoices, Auto Pay, past due...).
   * Without it the clock still runs to `clock`, so what is due at the start has happened.
   */
  advanceTo?: string;
};

/** Ids of the entities created from a setup, by key. */
export type SetupRefs = Record<string, number>;

/** `given.generate` (scenarios/scenario.schema.json). */
export type Generate = {
  count: number;
  /** Customer n is `<prefix>n`: login `<prefix>n` / `<prefix>n-pass`, email `<prefix>n@example.com`. */
  prefix?: string;
  /** Key of an ISP listed in `isps` the customers are configured with (default: none). */
  isp?: string | null;
  /** An Alarm.com login linked to each customer (default true). */
  logins?: boolean;
  /** How many customers have a card on Auto Pay (default: all), spread evenly over the population. */
  autoPay?: number;
  /** How many of the Auto Pay cards are always declined (4000 0000 0000 0002), spread evenly. */
  declining?: number;
  /** First invoice dates, spread evenly from `from` to `to` (the due days over the month). */
  startDates: { from: string; to: string };
  saleDate?: string;
  netDays?: number;
  /** A fixed amount, or amounts spread over min..max (cents). */
  amountCents: number | { min: number; max: number };
  lineItemId?: number;
  description?: string;
};
