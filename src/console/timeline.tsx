// The sandbox's event timeline and request journal (Time page).
import type { SimEvent } from '../domain/types.ts';
import type { JournalEntry } from '../services/services.ts';
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

export function JournalTable({ entries }: { entries: JournalEntry[] }) {
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
