import type { SandboxState } from './types.ts';

// How the rules look things up in a sandbox's plain data without scanning it. The store answers from
// indexes it keeps beside the lists (src/store/indexed-reader.ts); `plainReader` scans, for unit tests and
// small states. A read never changes what it reads.

/** The lookups by key the rules make, each with its one key function (an index per name). */
export const INDEXES = {
  /** Invoices created from a recurring invoice. */
  invoicesByRecurringInvoice: (e: { recurringInvoiceId: number | null }) => e.recurringInvoiceId,
  /** A customer's own records (recurring invoices, billing methods, payments, invoices). */
  byCustomer: (e: { customerId: number | null }) => e.customerId,
  /** End-user logins by username (a rename moves the login: the store re-indexes what a commit replaces). */
  loginsByUsername: (e: { username: string }) => e.username,
  /** Idempotency records by key. */
  idempotencyByKey: (e: { key: string }) => e.key,
} as const;

export type IndexName = keyof typeof INDEXES;
type KeyOf<N extends IndexName> = ReturnType<(typeof INDEXES)[N]>;
type Keyed<N extends IndexName> = Parameters<(typeof INDEXES)[N]>[0];

export type Reader = {
  /** The entities of `list` whose key under `index` is `value`, in list order. */
  where<N extends IndexName, T extends Keyed<N>>(list: readonly T[], index: N, value: KeyOf<N>): T[];
};

/** Scans: right for any list, linear in its length. */
export const plainReader: Reader = {
  where: (list, index, value) => {
    const key = INDEXES[index] as (e: unknown) => unknown;
    return list.filter((e) => key(e) === value);
  },
};

/** A sandbox's state with the store's lookups: what the faces render documents from. */
export type SandboxView = Readonly<SandboxState> & { readonly read: Reader };
