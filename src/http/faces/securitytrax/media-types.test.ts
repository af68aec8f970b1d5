import { describe, expect, it } from 'vitest';
import type { FaceError } from './face-error.ts';
import { assertAcceptable, assertContentType, JSON_API } from './media-types.ts';

const statusOf = (run: () => void): number | null => {
  try {
    run();
    return null;
  } catch (err) {
    return (err as FaceError).status;
  }
};

describe('JSON:API media-type rules', () => {
  it('415 for another body type, or JSON:API with parameters other than profile', () => {
    expect(statusOf(() => assertContentType(JSON_API, [JSON_API]))).toBeNull();
    expect(statusOf(() => assertContentType(`${JSON_API}; profile="https://example.com/p"`, [JSON_API]))).toBeNull();
    expect(statusOf(() => assertContentType('Application/Vnd.Api+JSON', [JSON_API]))).toBeNull();
    expect(statusOf(() => assertContentType('application/json', [JSON_API]))).toBe(415);
    expect(statusOf(() => assertContentType('application/json', ['application/json', JSON_API]))).toBeNull();
    expect(statusOf(() => assertContentType(`${JSON_API}; charset=utf-8`, [JSON_API]))).toBe(415);
    expect(statusOf(() => assertContentType(`${JSON_API}; ext="https://jsonapi.org/ext/atomic"`, [JSON_API]))).toBe(
      415,
    );
    expect(statusOf(() => assertContentType(undefined, [JSON_API]))).toBe(415);
  });

  it('406 only when Accept offers nothing acceptable', () => {
    for (const ok of [
      undefined,
      '',
      '*/*',
      'application/*',
      JSON_API,
      `${JSON_API}; q=0.5`,
      `${JSON_API}; ext="x", ${JSON_API}`,
      `text/html;q=0.9, */*;q=0.1`,
    ]) {
      expect(
        statusOf(() => assertAcceptable(ok)),
        String(ok),
      ).toBeNull();
    }
    for (const bad of ['text/html', 'application/json', `${JSON_API}; ext="x"`, `${JSON_API}; charset=utf-8`]) {
      expect(
        statusOf(() => assertAcceptable(bad)),
        bad,
      ).toBe(406);
    }
  });
});
