import { describe, expect, it } from 'vitest';
import { buildRawRequest } from './raw-step.ts';
import { StepError } from './step-request.ts';

const GIVEN = { clock: '2019-03-03T00:00:00Z' };

describe('buildRawRequest', () => {
  it('sends the body as written, repeated, with the sandbox header outside SecurityTrax', async () => {
    const req = buildRawRequest(
      { method: 'POST', path: '/alarm-com/api/billing/payments', body: 'ab', repeat: 3 },
      undefined,
      GIVEN,
      'qa',
      undefined,
    );
    expect(req.headers.get('x-sandbox')).toBe('qa');
    expect(await req.text()).toBe('ababab');
  });

  it('refuses a body repeated past 8 MiB (a mistake in the scenario, not a request to send)', () => {
    expect(() =>
      buildRawRequest(
        { method: 'POST', path: '/x', body: 'x'.repeat(1024), repeat: 1_000_000 },
        undefined,
        GIVEN,
        'qa',
        undefined,
      ),
    ).toThrow(StepError);
  });
});
