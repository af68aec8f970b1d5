// One hostile request does not hold another sandbox's health: the server answers one request at a time per
// event-loop turn, so what bounds everyone's wait is the work a request does. Each hostile request of the
// issue is compared, by counted work (never by time), with a harmless request of the same size: it stays
// within a small constant factor of it, or is refused before doing any.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readXml, type XmlMeter } from '../../src/http/faces/alarm-com-soap/xml-reader.ts';
import { soapRequest } from '../../src/http/faces/alarm-com-soap/client-codec.ts';
import type { LikeMeter } from '../../src/http/faces/securitytrax/like-pattern.ts';
import { filtered } from '../../src/http/faces/securitytrax/query.ts';
import { resourceType } from '../../src/http/faces/securitytrax/resources/registry.ts';
import { countReads } from '../support/count-reads.ts';
import { testApp } from '../support/test-app.ts';
import { billingData, dealerApi } from '../support/securitytrax.ts';

const K = 4;
const CARD = {
  type: 'credit_card',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'J' },
};

afterEach(() => {
  vi.restoreAllMocks();
});

/** `text` repeated, comma-separated, then spaces, to exactly `length` characters (a harmless request as long). */
function padded(text: string, length: number): string {
  let out = text;
  while (out.length + 1 + text.length <= length) out += `,${text}`;
  return out.padEnd(length, ' ');
}

describe('a hostile request costs no more than a harmless one of the same size', () => {
  it('include through a cycle (the issue: 11 hops, 296 characters, and the deepest allowed)', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    for (let i = 0; i < 3; i++) await st.post('/customer_billings', billingData(1, CARD as never));
    const counter = countReads();
    const work = async (include: string) => {
      counter.reads = 0;
      const res = await st.get(`/customers/1?include=${encodeURIComponent(include)}`);
      expect([200, 400]).toContain(res.status);
      return counter.reads;
    };
    const cycle = (hops: number) =>
      Array.from({ length: hops }, (_, i) => (i % 2 ? 'customer' : 'customer_billings')).join('.');
    for (const hostile of [cycle(11), cycle(4), [1, 2, 3, 4].map(cycle).join(',')]) {
      const harmless = padded('recurring_invoices', hostile.length);
      expect(harmless.length).toBe(hostile.length);
      const [bad, good] = [await work(hostile), await work(harmless)];
      expect(bad, `${hostile}: ${bad} reads, harmless ${good}`).toBeLessThanOrEqual(K * good);
    }
  });

  it('a % pattern of wildcards (the issue: 20 % then z) against a plain pattern of the same size', async () => {
    const t = await testApp();
    const s = t.services.runner.view('default');
    const rt = resourceType('customers');
    const work = (filter: string) => {
      const meter: LikeMeter = { steps: 0 };
      filtered(rt, rt.list(s), s, filter, meter);
      return meter.steps;
    };
    for (const n of [20, 60, 99]) {
      const hostile = `email % '${'%'.repeat(n)}z'`;
      const harmless = `email % '${'a'.repeat(n)}z'`;
      expect(harmless.length).toBe(hostile.length);
      expect(work(hostile)).toBeLessThanOrEqual(K * work(harmless));
    }
  });

  it('an anonymous envelope flooding namespace declarations (the issue: 6,000 + 6,000) against plain padding', () => {
    const base = soapRequest('1.1', 'GetSecurityTraxSettings', { username: 'x', password: 'y' }).body;
    const hostile = base
      .replace(
        /(<soap:Envelope[^>]*)>/,
        `$1${Array.from({ length: 6000 }, (_, i) => ` xmlns:p${i}="urn:p${i}"`).join('')}>`,
      )
      .replace('</soap:Body>', `${'<k xmlns:q="v"/>'.repeat(6000)}</soap:Body>`);
    const harmless = base.replace('</soap:Body>', `<!--${'x'.repeat(hostile.length - base.length - 7)}--></soap:Body>`);
    expect(harmless.length).toBe(hostile.length);
    const work = (text: string) => {
      const meter: XmlMeter = { scopeEntries: 0 };
      try {
        readXml(text, meter);
      } catch {
        /* refused: what it cost is counted all the same */
      }
      return meter.scopeEntries;
    };
    // The harmless envelope declares its few namespaces; the hostile one is refused after at most 64 more.
    expect(work(hostile)).toBeLessThanOrEqual(work(harmless) + 64);
  });
});
