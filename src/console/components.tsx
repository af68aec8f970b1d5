// Small presentational pieces shared by the pages. Formatting only: no billing rule lives here.
import { formatCents } from '../domain/allocate.ts';
import type { ProblemView } from './context.ts';

export function ProblemBox({ problem }: { problem: ProblemView }) {
  return (
    <div class="problem" role="alert" data-testid="problem">
      <strong data-testid="problem-title">{problem.title}</strong>
      <span data-testid="problem-detail">{problem.detail}</span>
      {problem.reasons.length ? (
        <ul data-testid="problem-reasons">
          {problem.reasons.map((r) => (
            <li>{r}</li>
          ))}
        </ul>
      ) : null}
      {problem.fields.length ? (
        <ul data-testid="problem-fields">
          {problem.fields.map((f) => (
            <li>
              <code>{f}</code>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export const money = (cents: number): string => formatCents(cents);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2019-01-03" -> "Jan 03, 2019" (UTC calendar date, as the Billing screen shows it). */
export function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${d}, ${y}`;
}

export function DateText({ date }: { date: string | null }) {
  if (!date) return <span class="muted">—</span>;
  return <time datetime={date}>{longDate(date)}</time>;
}

/** An instant as "2019-03-03 09:00 UTC". */
export function instantText(instant: string): string {
  return `${instant.slice(0, 10)} ${instant.slice(11, 16)} UTC`;
}

export function Badge({ kind, text }: { kind: string; text?: string }) {
  return <span class={`badge ${kind}`}>{text ?? kind.replace(/_/g, ' ')}</span>;
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
