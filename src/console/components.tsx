// Small presentational pieces shared by the pages. Formatting only: no billing rule lives here.
import { formatCents } from '../domain/allocate.ts';
import type { ProblemView } from './context.ts';
import { userMessage, type AmountRange } from './messages.ts';

/**
 * A problem as end users read it: title and a product sentence; what the API said (detail, JSON
 * pointers) stays one click away under "Details" for developers.
 */
export function ProblemBox({ problem, range, id }: { problem: ProblemView; range?: AmountRange; id?: string }) {
  return (
    <div class="problem" role="alert" data-testid="problem" id={id} data-code={problem.code}>
      <strong data-testid="problem-title">{problem.title}</strong>
      <span data-testid="problem-message">{userMessage(problem, range)}</span>
      {problem.reasons.length ? (
        <ul data-testid="problem-reasons">
          {problem.reasons.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
      ) : null}
      <details data-testid="problem-details">
        <summary>Details</summary>
        {problem.code ? (
          <div>
            Problem <code>{problem.code}</code>
          </div>
        ) : null}
        <div data-testid="problem-detail">{problem.detail}</div>
        {problem.fields.length ? (
          <ul data-testid="problem-fields">
            {problem.fields.map((f) => (
              <li>
                <code>{f}</code>
              </li>
            ))}
          </ul>
        ) : null}
      </details>
    </div>
  );
}

/** The sentence under a form field; the field points at it with aria-describedby. */
export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <span class="field-error" id={id} data-testid={id}>
      {text}
    </span>
  ) : null;
}

/** Attributes of an input that has (or has not) an error sentence with id `errId`. */
export const invalidAttrs = (errId: string, text: string | undefined) =>
  text ? { 'aria-invalid': 'true', 'aria-describedby': errId } : {};

export const money = (cents: number): string => formatCents(cents);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2019-01-03" -> "Jan 03, 2019" (UTC calendar date, as the Billing screen shows it). */
function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${d}, ${y}`;
}

export function DateText({ date }: { date: string | null }) {
  if (!date) return <span class="muted">—</span>;
  return <time datetime={date}>{longDate(date)}</time>;
}

/** An instant as "Mar 03, 2019, 09:00 UTC": the same date format as calendar dates. */
export function instantText(instant: string): string {
  return `${longDate(instant)}, ${instant.slice(11, 16)} UTC`;
}

// One wording for an invoice's state everywhere: the Billing screen's "Current" and "Past due".
const STATUS_TEXT: Record<string, string> = {
  open: 'Current',
  past_due: 'Past due',
  paid: 'Paid',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

export function Badge({ kind, text }: { kind: string; text?: string }) {
  return <span class={`badge ${kind}`}>{text ?? STATUS_TEXT[kind] ?? kind.replace(/_/g, ' ')}</span>;
}

/** An event's data as "key value" pairs rather than raw JSON. */
export function DataList({ data }: { data: Record<string, unknown> }) {
  return (
    <dl class="data">
      {Object.entries(data).map(([k, v]) => (
        <div>
          <dt>{k}</dt> <dd>{valueText(k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function valueText(key: string, v: unknown): string {
  if (typeof v === 'number' && key.endsWith('Cents')) return money(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return longDate(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return instantText(v);
  if (Array.isArray(v)) return v.map((x) => valueText(key, x)).join('; ');
  if (v && typeof v === 'object')
    return Object.entries(v)
      .map(([k, x]) => `${k} ${valueText(k, x)}`)
      .join(', ');
  return String(v);
}

export function Json({ value }: { value: unknown }) {
  return <pre>{JSON.stringify(value, null, 2) ?? 'undefined'}</pre>;
}

/** Test instruments of the simulated processor, shown next to card forms. */
export function TestCardsHint() {
  return (
    <p class="muted small">
      Test cards: <code>4242 4242 4242 4242</code> succeeds, <code>4000 0000 0000 0002</code> is declined,{' '}
      <code>4000 0000 0000 9995</code> insufficient funds (docs/architecture.md). The CVV is never stored.
    </p>
  );
}
