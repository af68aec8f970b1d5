// The console's Coverage page without a browser: the catalogue as a checklist, filled in by the API requests
// a sandbox (or several) answered, each uncovered behaviour linking to the scenario that exercises it.
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/http/coverage-catalogue.ts';
import { JANE, basic, testApp, type TestApp } from '../support/test-app.ts';

const DAVE = basic('dave', 'dave-pass'); // demo: a login linked to no SecurityTrax account
const SUMMARY = '/alarm-com/api/billing/summary';

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
const plain = (html: string) =>
  decode(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .replace(/ ([.,:])/g, '$1') // a tag's boundary is no space before punctuation
    .trim();

type Item = { covered: boolean; text: string; load: string | null };

/** The page's checklist items by behaviour id (each `<li data-behaviour>` of the page, in order). */
function checklist(html: string): Map<string, Item> {
  const out = new Map<string, Item>();
  for (const part of html.split('<li data-behaviour="').slice(1)) {
    const body = part.slice(0, part.indexOf('</li>'));
    const load = /<a href="([^"]*)"/.exec(body)?.[1];
    out.set(body.slice(0, body.indexOf('"')), {
      covered: body.includes('data-covered="yes"'),
      text: plain(`<${body}`),
      load: load ? decode(load) : null,
    });
  }
  return out;
}

/** A group's heading text, by its key (`rules`, `billing-not-configured`, `refusals-AlarmComBilling`...). */
const groupHeading = (html: string, key: string) =>
  plain(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(html.slice(html.indexOf(`data-group="${key}"`)))?.[1] ?? '');

async function coveragePage(t: TestApp, query: string): Promise<{ status: number; html: string }> {
  const res = await t.app.request(`/coverage?${query}`, { headers: { accept: 'text/html' } });
  return { status: res.status, html: await res.text() };
}

describe('the console Coverage page (no browser)', () => {
  it('lists every catalogue entry once, uncovered, each with its own scenario to load into this sandbox', async () => {
    const t = await testApp();
    const { status, html } = await coveragePage(t, 'sandbox=default');
    expect(status).toBe(200);
    const items = checklist(html);
    expect([...items.keys()]).toEqual(CATALOGUE.map((b) => b.id));
    for (const b of CATALOGUE) {
      const item = items.get(b.id);
      expect(item?.covered, b.id).toBe(false);
      expect(item?.text, b.id).toContain('Not covered');
      expect(item?.load, b.id).toBe(`/time/scenarios/load?sandbox=default&scenario=${b.scenario}`);
    }
    expect(plain(html)).toContain(`0 of ${CATALOGUE.length} behaviours covered (0%)`);
    expect(groupHeading(html, 'billing-not-configured')).toBe('Billing Not Configured 0 of 4 covered');
    expect(html).toContain('<a href="/coverage?sandbox=default">Coverage</a>'); // the nav entry
  });

  it('after API requests: those behaviours covered with their count and first request, as GET /__sim/coverage says', async () => {
    const t = await testApp();
    await t.call('GET', SUMMARY, { auth: JANE });
    await t.call('GET', SUMMARY, { auth: JANE });
    await t.call('GET', SUMMARY, { auth: DAVE });
    const { html } = await coveragePage(t, 'sandbox=default');
    const items = checklist(html);
    // Read after the page: the API's own request is counted once it has answered.
    const api = (await t.call('GET', '/__sim/coverage')).body;

    expect(items.get('past-due')).toMatchObject({ covered: true, load: null });
    expect(items.get('past-due')?.text).toBe(
      `✓ Covered past-due ${CATALOGUE.find((b) => b.id === 'past-due')?.sentence} 2 requests; first GET ${SUMMARY} answered 200 at Mar 03, 2019, 09:00 UTC (journal #1).`,
    );
    expect(items.get('billing-not-configured.login-not-linked')?.text).toContain(
      `1 request; first GET ${SUMMARY} answered 409 at Mar 03, 2019, 09:00 UTC (journal #`,
    );
    expect(items.get('refusal.AlarmComBilling.billing-not-configured')?.covered).toBe(true);
    // The page and the API read the same tallies: the same behaviours covered, the same summary.
    const coveredIds = [...items].filter(([, i]) => i.covered).map(([id]) => id);
    expect(coveredIds).toEqual(
      api.behaviours.filter((b: { count: number }) => b.count > 0).map((b: { id: string }) => b.id),
    );
    const { behaviours: b, operations: o } = api.summary;
    expect(plain(html)).toContain(`${b.covered} of ${b.total} behaviours covered (${b.percent}%)`);
    expect(plain(html)).toContain(`${o.covered} of ${o.total} operations × statuses answered (${o.percent}%)`);
    expect(groupHeading(html, 'billing-not-configured')).toBe('Billing Not Configured 1 of 4 covered');
    const row = /<tr data-operation="getBillingSummary 200"[^>]*>([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? '';
    expect(plain(row)).toBe('AlarmComBilling getBillingSummary 200 2');

    const uncovered = checklist((await coveragePage(t, 'sandbox=default&show=uncovered')).html);
    expect(uncovered.has('past-due')).toBe(false);
    expect(uncovered.size).toBe(CATALOGUE.length - coveredIds.length);
  });

  it('reads all sandboxes or those of a tag; an unknown tag is a not-found page', async () => {
    const t = await testApp();
    const created = await t.call('POST', '/__sim/sandboxes', { body: { name: 'ci-a', tag: 'run-1' } });
    expect(created.status).toBe(201);
    await t.call('GET', SUMMARY, { auth: DAVE, sandbox: 'ci-a' });
    const mine = checklist((await coveragePage(t, 'sandbox=default')).html);
    expect(mine.get('billing-not-configured.login-not-linked')?.covered).toBe(false);

    const all = await coveragePage(t, 'sandbox=default&scope=all');
    expect(checklist(all.html).get('billing-not-configured.login-not-linked')?.text).toContain(
      'answered 409 at Mar 03, 2019, 09:00 UTC in ci-a (journal #',
    );
    const tagged = await coveragePage(t, 'sandbox=default&scope=tag:run-1');
    expect(checklist(tagged.html).get('billing-not-configured.login-not-linked')?.covered).toBe(true);
    expect(plain(tagged.html)).toContain('Sandboxes tagged run-1: ci-a.');
    expect(tagged.html).toMatch(/<option value="tag:run-1" selected[^>]*>sandboxes tagged run-1<\/option>/);
    expect(checklist((await coveragePage(t, 'sandbox=default&tag=run-1')).html).size).toBe(CATALOGUE.length);

    const unknown = await coveragePage(t, 'sandbox=default&tag=nope');
    expect(unknown.status).toBe(404);
    expect(plain(unknown.html)).toContain('Tag not found');
  });

  it("an uncovered behaviour's link opens the load confirmation, which loads the scenario into this sandbox", async () => {
    const t = await testApp();
    const scenario = CATALOGUE.find((b) => b.id === 'mmr-only')!.scenario;
    const load = checklist((await coveragePage(t, 'sandbox=default')).html).get('mmr-only')?.load ?? '';
    const confirm = await t.app.request(load);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(plain(html)).toContain(`Load scenario ${scenario}?`);
    const res = await t.app.request('/time/scenarios?sandbox=default', {
      method: 'POST',
      body: new URLSearchParams({ scenario, op: 'load' }),
    });
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get('location') ?? '', 'http://x').searchParams.get('flash')).toContain(
      `Loaded scenario "${scenario}" into "default"`,
    );
    expect(t.services.sim.getSandbox('default').seed).toMatchObject({ kind: 'scenario', name: scenario });
  });
});
