import { describe, expect, it } from 'vitest';
import { internStrings } from './intern-strings.ts';

describe('internStrings', () => {
  it('changes no value: the same data, in place, nested lists and objects included', () => {
    const text = JSON.stringify({
      now: '2019-02-01T00:00:00.000Z',
      events: [
        {
          id: 1,
          at: '2019-02-01T00:00:00.000Z',
          type: 'invoice.created',
          data: { dueDate: '2019-02-01', lines: [{ description: 'Monthly monitoring' }] },
        },
        {
          id: 2,
          at: '2019-02-01T00:00:00.000Z',
          type: 'invoice.created',
          data: { dueDate: '2019-02-01', tags: ['a', 'a', 'x'.repeat(100)] },
        },
      ],
      nothing: null,
    });
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const out = internStrings(parsed);
    expect(out).toBe(parsed);
    expect(JSON.stringify(out)).toBe(text);
  });
});
