// The sandbox's event timeline and request journal (Time page).
import type { SimEvent } from '../domain/types.ts';
import type { JournalBody, JournalRecord } from '../services/services.ts';
import { DataList, instantText } from './components.tsx';
import type { ConsoleCx } from './context.ts';

export function EventsTable({ cx, events, type }: { cx: ConsoleCx; events: SimEvent[]; type: string }) {
  return (
    <div>
      <form method="get" action="/time" class="row" style="justify-content:flex-start">
        <input type="hidden" name="sandbox" value={cx.sandbox} />
        <label>
          Type <input type="text" name="type" value={type} placeholder="payment, invoice.created..." />
        </label>
        <button type="submit" class="secondary">
          Filter
        </button>
      </form>
      {events.length ? (
        <table data-testid="events">
          <thead>
            <tr>
              <th>#</th>
              <th>At</th>
              <th>Type</th>
              <th>Data</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr data-event={e.type}>
                <td data-label="#">{e.id}</td>
                <td class="small nowrap" data-label="At">
                  {instantText(e.at)}
                </td>
                <td data-label="Type">
                  <code>{e.type}</code>
                </td>
                <td class="data" data-label="Data">
                  <DataList data={e.data} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No events{type ? ` of type "${type}"` : ''}.</p>
      )}
    </div>
  );
}

export function JournalTable({ entries }: { entries: JournalRecord[] }) {
  // The journal holds API traffic only (the console's own page requests are not journaled).
  const api = entries;
  if (!api.length)
    return <p class="muted">No API requests on this sandbox yet (send some with the X-Sandbox header).</p>;
  return (
    <table data-testid="journal">
      <thead>
        <tr>
          <th>At (sandbox clock)</th>
          <th>Request</th>
          <th>Operation</th>
          <th class="num">Status</th>
          <th class="num">ms</th>
        </tr>
      </thead>
      <tbody>
        {api.map((e) => (
          <tr>
            <td class="small nowrap" data-label="At">
              {instantText(e.at)}
            </td>
            <td data-label="Request">
              <code>
                {e.method} {e.path}
              </code>
              <JournalBodies entry={e} />
            </td>
            <td data-label="Operation">{e.operationId ?? <span class="muted">—</span>}</td>
            <td class="num" data-label="Status">
              {e.status}
            </td>
            <td class="num" data-label="ms">
              {e.durationMs}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A JSON body indented for reading; any other body (SOAP XML, cut JSON) as it was kept. */
function bodyText(body: JournalBody): string {
  if (body.text === null || body.truncated || !body.contentType?.includes('json')) return body.text ?? '';
  try {
    return JSON.stringify(JSON.parse(body.text), null, 2);
  } catch {
    return body.text;
  }
}

function BodyBlock({ title, body }: { title: string; body: JournalBody }) {
  if (body.text === null) return null;
  return (
    <div>
      <p class="small muted">
        {title} ({body.contentType ?? 'no content type'}){body.truncated ? ', cut at 16 KiB' : ''}
      </p>
      <pre>{bodyText(body)}</pre>
    </div>
  );
}

/** The request's and the answer's bodies, folded (masked as the journal keeps them; text, escaped by JSX). */
function JournalBodies({ entry }: { entry: JournalRecord }) {
  if (entry.request.text === null && entry.response.text === null) return null;
  return (
    <details data-testid="journal-bodies">
      <summary class="small">Bodies</summary>
      <BodyBlock title="Request" body={entry.request} />
      <BodyBlock title="Answer" body={entry.response} />
    </details>
  );
}
