// Property-based: random `filter` expressions and `include` paths up to the length limits. Over HTTP the
// answer is a 200 or a 400, never anything else; counted directly, the work done is bounded by a linear
// function of the input's length (for the sandbox at hand).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FaceError } from '../../src/http/faces/securitytrax/face-error.ts';
import { parseInclude, resolveIncluded, type IncludeMeter } from '../../src/http/faces/securitytrax/include.ts';
import type { LikeMeter } from '../../src/http/faces/securitytrax/like-pattern.ts';
import { filtered, filterFields } from '../../src/http/faces/securitytrax/query.ts';
import { RESOURCE_TYPES, resourceType } from '../../src/http/faces/securitytrax/resources/registry.ts';
import type { SandboxView } from '../../src/domain/reader.ts';
import { testApp, type TestApp } from '../support/test-app.ts';
import { billingData, dealerApi, type DealerApi } from '../support/securitytrax.ts';

const CARD = {
  type: 'credit_card',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'J' },
};
const BUILT_IN = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'isPrototypeOf', 'valueOf'];

let t: TestApp;
let st: DealerApi;
let state: SandboxView;
beforeAll(async () => {
  t = await testApp();
  st = dealerApi(t);
  // Customer 1 with four cards: customer <-> customer_billings is a cycle with fan-out.
  for (let i = 0; i < 3; i++) await st.post('/customer_billings', billingData(1, CARD as never));
  state = t.services.runner.view('default');
});

// ── filter ─────────────────────────────────────────────────────────────────────────────────────────
const OPS = ['=', '!=', '<', '>', '<=', '>=', '~', '!~', '%'];
const pattern = fc
  .array(fc.constantFrom('%', '_', 'a', 'e', '@', '.', 'z', '%%', '\\', '*', '(', 'é'), { maxLength: 60 })
  .map((a) => `'${a.join('')}'`);
const value = fc.oneof(pattern, fc.constantFrom('1', '0', '39.99', 'true', 'null', "'open'", '-1', '1.234', 'x'));

/** Mostly the type's own filterable names, sometimes a built-in member's or an unknown one. */
function expressionOf(type: string): fc.Arbitrary<string> {
  const own = [...filterFields(resourceType(type)).keys()];
  const field = fc.oneof(
    { arbitrary: fc.constantFrom(...own), weight: 8 },
    { arbitrary: fc.constantFrom(...BUILT_IN, 'nope'), weight: 1 },
  );
  const comparison = fc.tuple(field, fc.constantFrom(...OPS), value).map((p) => p.join(' '));
  return fc
    .letrec<{ expr: string }>((tie) => ({
      expr: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        { arbitrary: comparison, weight: 4 },
        {
          arbitrary: fc
            .tuple(tie('expr'), fc.constantFrom('AND', 'OR', 'and', 'or'), tie('expr'))
            .map((p) => p.join(' ')),
          weight: 3,
        },
        { arbitrary: tie('expr').map((e) => `(${e})`), weight: 1 },
        {
          arbitrary: fc
            .tuple(tie('expr'), fc.constantFrom(')', '(', "'", '#', '', 'AND'))
            .map(([e, junk]) => `${e} ${junk}`),
          weight: 1,
        },
      ),
    }))
    .expr.filter((e) => e.length <= 1000);
}
const LISTED = ['customers', 'customer_invoices', 'customer_payments', 'recurring_invoices'];
const typed = fc.constantFrom(...LISTED).chain((type) => fc.tuple(fc.constant(type), expressionOf(type)));

describe('filter: random expressions', () => {
  it('over HTTP: a 200 or a 400, never anything else', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(typed, async ([type, e]) => {
        const res = await st.get(`/${type}?filter=${encodeURIComponent(e)}`);
        seen.add(res.status);
        if (process.env.PROP_VERBOSE) console.log('F', res.status, e.length, res.body.data?.length, e.slice(0, 100));
        expect([200, 400], `${type} ${e} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`).toContain(
          res.status,
        );
        if (res.status === 400) expect(res.body.errors[0].detail).not.toMatch(/native code/);
      }),
      { numRuns: 150 },
    );
    expect([...seen].sort()).toEqual([200, 400]);
  });

  it('the characters compared stay within rows x longest value x (expression length + 1)', () => {
    for (const type of LISTED) {
      const rt = resourceType(type);
      const rows = rt.list(state);
      const longest = Math.max(
        ...rows.flatMap((e) => Object.values(rt.attributes).map((a) => String(a.read?.(e, state) ?? '').length)),
      );
      fc.assert(
        fc.property(expressionOf(type), (e) => {
          const meter: LikeMeter = { steps: 0 };
          try {
            filtered(rt, rows, state, e, meter);
          } catch (err) {
            if (!(err instanceof FaceError) || err.status !== 400) throw err;
          }
          return meter.steps <= rows.length * (longest + 1) * (e.length + 1);
        }),
        { numRuns: 300 },
      );
    }
  });
});

// ── include ────────────────────────────────────────────────────────────────────────────────────────
const JUNK = [...BUILT_IN, 'nope', '', ' customer '];

/** Paths that mostly follow the type's relationships (cycles included), sometimes a wrong name. */
function includeOf(type: string): fc.Arbitrary<string> {
  const path = fc.array(fc.nat(), { minLength: 1, maxLength: 5 }).map((choices) => {
    let at = resourceType(type);
    const names: string[] = [];
    for (const c of choices) {
      const own = Object.keys(at.relationships);
      if (own.length === 0) break;
      if (c % 25 === 24) {
        names.push(JUNK[c % JUNK.length]!);
        break;
      }
      const name = own[c % own.length]!;
      names.push(name);
      at = resourceType(at.relationships[name]!.type);
    }
    return names.join('.');
  });
  return fc
    .array(path, { minLength: 1, maxLength: 12 })
    .map((p) => p.join(','))
    .filter((s) => s.length <= 500);
}
const INCLUDING: [string, string][] = [
  ['customers', '/customers/1'],
  ['customers', '/customers'],
  ['customer_billings', '/customer_billings'],
  ['customer_payments', '/customer_payments'],
  ['customer_invoices', '/customer_invoices'],
];
const including = fc
  .constantFrom(...INCLUDING)
  .chain(([type, at]) => fc.tuple(fc.constant(type), fc.constant(at), includeOf(type)));

/** Every entity of the sandbox once, plus every link it has: what one hop over everything could read. */
const weight = (s: SandboxView) =>
  [...RESOURCE_TYPES.values()].reduce(
    (sum, rt) =>
      sum +
      rt.list(s).reduce((n, e) => {
        let links = 1;
        for (const rel of Object.values(rt.relationships)) {
          const ids = rel.read(e, s);
          links += Array.isArray(ids) ? ids.length : 1;
        }
        return n + links;
      }, 0),
    0,
  );

describe('include: random paths', () => {
  it('over HTTP: a 200 or a 400, never anything else', async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(including, async ([, at, inc]) => {
        const res = await st.get(`${at}?include=${encodeURIComponent(inc)}`);
        seen.add(res.status);
        if (process.env.PROP_VERBOSE)
          console.log('I', res.status, inc.length, res.body.included?.length, inc.slice(0, 100));
        expect([200, 400], `${at} ${inc} -> ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`).toContain(
          res.status,
        );
      }),
      { numRuns: 150 },
    );
    expect([...seen].sort()).toEqual([200, 400]);
  });

  it('relationship reads and ids looked at stay within the sandbox weight x (include length + 1)', () => {
    const w = weight(state);
    fc.assert(
      fc.property(including, ([type, , inc]) => {
        const rt = resourceType(type);
        const meter: IncludeMeter = { steps: 0 };
        try {
          resolveIncluded(parseInclude(inc, rt), rt, rt.list(state), state, meter);
        } catch (err) {
          if (!(err instanceof FaceError) || err.status !== 400) throw err;
        }
        return meter.steps <= w * (inc.length + 1);
      }),
      { numRuns: 300 },
    );
  });
});
