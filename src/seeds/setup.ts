import type { NewBillingMethodInput } from '../domain/billing-method.ts';
import type { RecurringLineInput, LineInput } from '../domain/recurring.ts';
import type { Faults, SandboxSettings } from '../domain/types.ts';
import type { Generate } from './generate.ts';

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
