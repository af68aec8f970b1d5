// The connections of a shared store: a sandbox's work runs on its exclusive connection while it has one (a
// clock advance holding the sandbox's lock), one operation at a time; otherwise on a pooled one.
import type { Pool, PoolClient } from 'pg';
import { DomainError } from '../../domain/errors.ts';
import type { Lane } from './sandbox-cache.ts';
import { storeUnavailable } from './unavailable.ts';

export type Connections = ReturnType<typeof createConnections>;

export function createConnections(pool: Pool, lanes: ReadonlyMap<string, Lane>) {
  /** Runs `fn` on a pooled connection; one that failed outside the store's own refusals is not reused. */
  async function withPooled<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw storeUnavailable(err);
    }
    let broken: Error | undefined;
    // A connection the server drops while checked out also emits 'error' on the client, which would take the
    // process down unheard; the query in flight fails on its own, and a broken client is not reused.
    const dropped = (err: Error) => void (broken = err);
    client.on('error', dropped);
    try {
      return await fn(client);
    } catch (err) {
      if (!(err instanceof DomainError)) broken = err instanceof Error ? err : new Error(String(err));
      throw err;
    } finally {
      client.off('error', dropped);
      client.release(broken);
    }
  }

  /** Runs `fn` on the sandbox's exclusive connection when it has one (one at a time), else on a pooled one. */
  function withClient<T>(name: string, fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const lane = lanes.get(name);
    if (!lane?.exclusive) return withPooled(fn);
    const client = lane.exclusive;
    const run = lane.onExclusive.then(() => fn(client));
    lane.onExclusive = run.catch(() => undefined);
    return run;
  }

  /** A transaction on the sandbox's connection; a database failure is a 503, a DomainError passes through. */
  const transaction = <T>(name: string, fn: (client: PoolClient) => Promise<T>): Promise<T> =>
    withClient(name, async (client) => {
      await client.query('BEGIN');
      try {
        const out = await fn(client);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }).catch((err: unknown) => {
      throw err instanceof DomainError ? err : storeUnavailable(err);
    });

  return { withPooled, withClient, transaction };
}
