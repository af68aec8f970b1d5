// A name that comes from outside (a CLI option, a scenario variable or key, an XML entity) is looked up among
// the table's own entries only: `constructor`, `toString` and the other members every object inherits are
// unknown names, refused as such, never a function's source text or a crash.
import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from './cli-args.ts';
import { DomainError } from './domain/errors.ts';
import { readXml } from './http/faces/alarm-com-soap/xml-reader.ts';
import { interpolate, UnknownVariableError } from './scenarios/variables.ts';
import { buildState } from './seeds/build-state.ts';

const BUILT_IN = ['constructor', 'toString', 'hasOwnProperty', 'isPrototypeOf', 'valueOf', '__proto__'];

describe('built-in member names are unknown names', () => {
  it('CLI options', () => {
    const errors: string[] = [];
    const spec = { name: 'serve', usage: 'usage', options: { port: { type: 'string' as const } } };
    for (const name of BUILT_IN) {
      const code = parseCommandArgs(spec, [`--${name}`], { out: () => {}, err: (t) => errors.push(t) });
      expect(code, name).toBe(2);
    }
    expect(errors.every((e) => e.includes('unknown option'))).toBe(true);
  });

  it('scenario variables', () => {
    for (const name of BUILT_IN.filter((n) => /^[A-Za-z_]/.test(n)))
      expect(() => interpolate(`\${${name}}`, { paymentId: 1 }), name).toThrow(UnknownVariableError);
  });

  it('scenario keys referred to before they are defined', () => {
    for (const name of BUILT_IN.slice(0, 5)) {
      const setup = {
        clock: '2019-01-01T00:00:00Z',
        customers: [{ key: 'c', firstName: 'A', lastName: 'B', email: 'a@b.c', isp: name }],
      };
      expect(() => buildState('x', { kind: 'empty' }, setup as never), name).toThrow(/does not define/);
    }
  });

  it('XML entities: only the five predefined ones', () => {
    for (const name of BUILT_IN) {
      let error: unknown;
      try {
        readXml(`<a>&${name};</a>`);
      } catch (err) {
        error = err;
      }
      expect(error, name).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('malformed-xml');
      expect((error as DomainError).message).not.toMatch(/native code/);
    }
  });
});
