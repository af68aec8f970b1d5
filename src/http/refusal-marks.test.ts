import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.ts';
import { markRefusal } from './refusal-marks.ts';

const refused = (code: string, kind: ConstructorParameters<typeof DomainError>[0] = 'conflict') =>
  new DomainError(kind, code, 'Refused', 'refused');

describe('markRefusal', () => {
  it('adds the refusal of the face and the rule it shows to what the request marked', () => {
    const marks = ['past-due'];
    markRefusal(marks, 'AlarmComBilling', refused('autopay-cannot-be-disabled'));
    expect(marks).toEqual(['past-due', 'refusal.AlarmComBilling.autopay-cannot-be-disabled', 'autopay-never-off']);
  });

  it('a request the store could not complete, or a bug, exercised nothing but its refusal', () => {
    const marks = ['payment-several-invoices'];
    markRefusal(marks, 'AlarmComBilling', refused('store-unavailable', 'store_unavailable'));
    expect(marks).toEqual(['refusal.AlarmComBilling.store-unavailable']);
    const bug = ['oldest-first'];
    markRefusal(bug, 'SecurityTrax', new TypeError('x is undefined'));
    expect(bug).toEqual(['refusal.SecurityTrax.internal-error']);
  });

  it('a system error with a code of its own is not a refusal code', () => {
    const marks: string[] = [];
    markRefusal(marks, 'AlarmComBilling', Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    expect(marks).toEqual(['refusal.AlarmComBilling.internal-error']);
  });
});
