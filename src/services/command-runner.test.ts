import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.ts';
import { asDocument, makeConfiguredState, makeInvoice } from '../../test/support/domain-fixtures.ts';
import { memoryPersistence } from '../store/persistence.ts';
import { createStore } from '../store/sandbox-store.ts';
import { createCommandRunner } from './command-runner.ts';

describe('command runner', () => {
  it('refuses a patch holding a non-finite or unsafe number before anything is applied (nothing reaches the log)', async () => {
    const store = await createStore(memoryPersistence());
    await store.create(asDocument({ ...makeConfiguredState(), name: 'default' }));
    const runner = createCommandRunner({ store });
    const before = JSON.stringify(store.require('default'));
    for (const bad of [Number.POSITIVE_INFINITY, Number.NaN, 2 ** 53 + 2]) {
      const err = await runner
        .run('default', () => ({
          patch: { upsert: { invoices: [makeInvoice({ id: 9, totalCents: bad })] } },
          result: null,
        }))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).kind).toBe('validation');
      expect((err as DomainError).code).toBe('number-out-of-range');
      expect((err as DomainError).extensions.errors).toEqual([
        { path: '/upsert/invoices/0/totalCents', message: 'must be a finite number, and a whole number below 2^53' },
      ]);
    }
    expect(JSON.stringify(store.require('default'))).toBe(before);
  });
});
