// Invoice lines are an attribute (an array) of recurring invoices and invoices on this face.
import type { InvoiceLine, RecurringLine } from '../../../../domain/types.ts';
import { toCents, toDecimal } from '../money.ts';

type WireLine = {
  invoice_billable_item_id: string;
  description?: string;
  amount: unknown;
  occurrences?: number | null;
};

export const linesOut = (lines: readonly (InvoiceLine | RecurringLine)[]) =>
  lines.map((l) => ({
    invoice_billable_item_id: String(l.lineItemId),
    description: l.description,
    amount: toDecimal(l.amountCents),
    ...('occurrences' in l ? { occurrences: l.occurrences } : {}),
  }));

export const linesIn = (value: unknown, pointer: string) =>
  (value as WireLine[]).map((l, i) => ({
    lineItemId: Number(l.invoice_billable_item_id),
    description: l.description,
    amountCents: toCents(l.amount, `${pointer}/${i}/amount`),
    ...(l.occurrences !== undefined ? { occurrences: l.occurrences } : {}),
  }));
