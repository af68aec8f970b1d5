import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/http/coverage-catalogue.ts';
import { JANE, testApp } from '../support/test-app.ts';

const covered = (body: { behaviours: { id: string; count: number }[] }) =>
  body.behaviours.filter((b) => b.count > 0).map((b) => b.id);

describe('GET /__sim/coverage', () => {
  it('lists the whole catalogue, uncovered, for a sandbox no request has used', async () => {
    const t = await testApp();
    const r = await t.call('GET', '/__sim/coverage');
    expect(r.status).toBe(200);
    expect(r.body.behaviours.map((b: { id: string }) => b.id)).toEqual(CATALOGUE.map((b) => b.id));
    expect(covered(r.body)).toEqual([]);
    expect(r.body.summary.behaviours).toEqual({ total: CATALOGUE.length, covered: 0, percent: 0 });
  });

  it('counts what the Billing screen showed and the refusals it answered, with the first request', async () => {
    const t = await testApp();
    await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE });
    await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE });
    await t.call('PUT', '/alarm-com/api/billing/autopay', { auth: JANE, body: { enabled: false } });
    await t.call('GET', '/alarm-com/api/billing/payments', { auth: JANE });
    await t.call('GET', '/alarm-com/api/billing/bills', { auth: JANE });
    const r = await t.call('GET', '/__sim/coverage');
    const ids = covered(r.body);
    expect(ids).toEqual(expect.arrayContaining(['payment-history', 'bills']));
    expect(ids).toContain('refusal.AlarmComBilling.autopay-cannot-be-disabled');
    expect(ids).toContain('autopay-never-off');
    const summary = r.body.operations.find(
      (o: { operationId: string; status: number }) => o.operationId === 'getBillingSummary' && o.status === 200,
    );
    expect(summary.count).toBe(2);
    const never = r.body.behaviours.find((b: { id: string }) => b.id === 'autopay-never-off');
    expect(never.first).toMatchObject({ sandbox: 'default', method: 'PUT', path: '/alarm-com/api/billing/autopay' });
    // The first request is the journal's entry of that id.
    const journal = await t.call('GET', '/__sim/journal?operation=setAutoPay');
    expect(journal.body.items.map((e: { id: number }) => e.id)).toContain(never.first.journalId);
  });

  it('reads the sandboxes of a tag together, or all of them; an unknown tag is a 404', async () => {
    const t = await testApp();
    for (const name of ['run-a', 'run-b', 'other'])
      expect(
        (await t.call('POST', '/__sim/sandboxes', { body: { name, tag: name === 'other' ? 'x' : 'ci-1' } })).status,
      ).toBe(201);
    await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE, sandbox: 'run-a' });
    await t.call('PUT', '/alarm-com/api/billing/autopay', { auth: JANE, sandbox: 'run-b', body: { enabled: false } });
    const tagged = await t.call('GET', '/__sim/coverage?tag=ci-1');
    expect(tagged.status).toBe(200);
    expect(tagged.body.sandboxes).toEqual(['run-a', 'run-b']);
    expect(covered(tagged.body)).toContain('autopay-never-off');
    const all = await t.call('GET', '/__sim/coverage?all=true');
    expect(all.body.sandboxes).toEqual(expect.arrayContaining(['default', 'run-a', 'run-b', 'other']));
    const unknown = await t.call('GET', '/__sim/coverage?tag=nobody');
    expect(unknown.status).toBe(404);
    expect(unknown.body.type).toMatch(/tag-not-found$/);
    const both = await t.call('GET', '/__sim/coverage?tag=ci-1&all=true');
    expect(both.status).toBe(400);
    expect(both.body.errors[0].path).toBe('/query/tag');
  });

  it("a deleted sandbox's coverage is gone with it, also for a new sandbox of its name", async () => {
    const t = await testApp();
    await t.call('POST', '/__sim/sandboxes', { body: { name: 'gone', tag: 'ci-2' } });
    await t.call('PUT', '/alarm-com/api/billing/autopay', { auth: JANE, sandbox: 'gone', body: { enabled: false } });
    expect((await t.call('DELETE', '/__sim/sandboxes/gone')).status).toBe(204);
    expect((await t.call('GET', '/__sim/coverage', { sandbox: 'gone' })).status).toBe(404);
    expect((await t.call('GET', '/__sim/coverage?tag=ci-2')).status).toBe(404);
    await t.call('POST', '/__sim/sandboxes', { body: { name: 'gone' } });
    expect(covered((await t.call('GET', '/__sim/coverage', { sandbox: 'gone' })).body)).toEqual([]);
  });

  it('keeps counting across a reset and a scenario load; records nothing with coverage off', async () => {
    const t = await testApp();
    await t.call('PUT', '/alarm-com/api/billing/autopay', { auth: JANE, body: { enabled: false } });
    await t.call('POST', '/__sim/reset');
    expect(covered((await t.call('GET', '/__sim/coverage')).body)).toContain('autopay-never-off');
    const off = await testApp({ coverage: false });
    await off.call('PUT', '/alarm-com/api/billing/autopay', { auth: JANE, body: { enabled: false } });
    const r = await off.call('GET', '/__sim/coverage');
    expect(r.body.summary.behaviours.covered).toBe(0);
    expect(r.body.summary.operations.covered).toBe(0);
  });
});
