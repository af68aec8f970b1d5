// The SQL of the shared store, one function per statement group, on a client the caller holds. Sandbox
// names and texts are parameters everywhere except in the two multi-statement round trips of a write
// (lock + head, insert + commit), where they are escaped literals: a write costs two round trips.
import type { PoolClient } from 'pg';

/** Advisory lock class of sandbox writes; the key within it is the name's hash (a collision only serialises). */
const SANDBOX_LOCK_CLASS = 1952;
/** Advisory lock of sandbox creation (the quota counts every sandbox). */
const CREATE_LOCK = 1_952_000_002;

export type Head = { seq: number; incarnation: string };
export type LogRow = { seq: number; patch: string };

const lit = (client: PoolClient, text: string) => client.escapeLiteral(text);
const lockOf = (client: PoolClient, sandbox: string) =>
  `pg_advisory_xact_lock(${SANDBOX_LOCK_CLASS}, hashtext(${lit(client, sandbox)}))`;

/** Takes the sandbox's write lock for the caller's transaction (waiting for any other writer). */
export async function lockInTransaction(client: PoolClient, sandbox: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SANDBOX_LOCK_CLASS, sandbox]);
}

/** Takes the sandbox's write lock for the session (exclusive work spanning several transactions). */
export async function lockForSession(client: PoolClient, sandbox: string): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [SANDBOX_LOCK_CLASS, sandbox]);
}

export async function unlockSession(client: PoolClient, sandbox: string): Promise<void> {
  await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [SANDBOX_LOCK_CLASS, sandbox]);
}

export async function head(client: PoolClient, sandbox: string): Promise<Head | undefined> {
  const { rows } = await client.query<{ seq: string; incarnation: string }>(
    'SELECT seq, incarnation FROM sandboxes WHERE sandbox = $1',
    [sandbox],
  );
  const row = rows[0];
  return row && { seq: Number(row.seq), incarnation: row.incarnation };
}

/** BEGIN, take the sandbox's write lock (waiting for any other writer), read its head: one round trip. */
export async function beginWrite(client: PoolClient, sandbox: string): Promise<Head | undefined> {
  const results = (await client.query(
    `BEGIN; SELECT ${lockOf(client, sandbox)}; SELECT seq, incarnation FROM sandboxes WHERE sandbox = ${lit(client, sandbox)}`,
  )) as unknown as { rows: { seq: string; incarnation: string }[] }[];
  const row = results[2]?.rows[0];
  return row && { seq: Number(row.seq), incarnation: row.incarnation };
}

/** Appends the log rows, moves the head and commits: one round trip. */
export async function commitWrite(client: PoolClient, sandbox: string, rows: LogRow[]): Promise<void> {
  if (rows.length === 0) {
    await client.query('COMMIT');
    return;
  }
  const name = lit(client, sandbox);
  const values = rows.map((r) => `(${name}, ${r.seq}, ${lit(client, r.patch)})`).join(',');
  await client.query(
    `INSERT INTO sandbox_log (sandbox, seq, patch) VALUES ${values}; UPDATE sandboxes SET seq = ${rows.at(-1)!.seq} WHERE sandbox = ${name}; COMMIT`,
  );
}

/** The log rows after `seq`, in order. */
export async function logAfter(client: PoolClient, sandbox: string, seq: number): Promise<LogRow[]> {
  const { rows } = await client.query<{ seq: string; patch: string }>(
    'SELECT seq, patch FROM sandbox_log WHERE sandbox = $1 AND seq > $2 ORDER BY seq',
    [sandbox, seq],
  );
  return rows.map((r) => ({ seq: Number(r.seq), patch: r.patch }));
}

export type StoredRows = { head: Head; snapshotSeq: number; snapshot: string; log: LogRow[] };

/**
 * A sandbox's head, snapshot and the log after it: one consistent picture in a repeatable-read transaction of
 * its own, or read inside the caller's (which holds the write lock: only a compaction can cut the log meanwhile,
 * and the caller sees that as a gap and reads again).
 */
export async function readWhole(
  client: PoolClient,
  sandbox: string,
  inTransaction = false,
): Promise<StoredRows | undefined> {
  if (!inTransaction) await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const h = await head(client, sandbox);
    if (!h) return undefined;
    const { rows } = await client.query<{ seq: string; body: string }>(
      'SELECT seq, body FROM sandbox_snapshots WHERE sandbox = $1',
      [sandbox],
    );
    const snap = rows[0];
    if (!snap) throw new Error(`sandbox ${sandbox} has no snapshot`);
    const log = await logAfter(client, sandbox, Number(snap.seq));
    return { head: h, snapshotSeq: Number(snap.seq), snapshot: snap.body, log };
  } finally {
    if (!inTransaction) await client.query('COMMIT');
  }
}

export async function names(client: PoolClient): Promise<string[]> {
  const { rows } = await client.query<{ sandbox: string }>('SELECT sandbox FROM sandboxes ORDER BY sandbox');
  return rows.map((r) => r.sandbox);
}

/** Under the creation lock (in the caller's transaction): how many sandboxes exist and whether `sandbox` does. */
export async function lockForCreate(client: PoolClient, sandbox: string): Promise<{ count: number; exists: boolean }> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [CREATE_LOCK]);
  const { rows } = await client.query<{ count: string; exists: boolean }>(
    'SELECT count(*) AS count, bool_or(sandbox = $1) AS exists FROM sandboxes',
    [sandbox],
  );
  return { count: Number(rows[0]!.count), exists: rows[0]!.exists === true };
}

export async function insertSandbox(
  client: PoolClient,
  sandbox: string,
  incarnation: string,
  seq: number,
  snapshot: string,
): Promise<void> {
  await client.query('INSERT INTO sandboxes (sandbox, incarnation, seq) VALUES ($1, $2, $3)', [
    sandbox,
    incarnation,
    seq,
  ]);
  await client.query('INSERT INTO sandbox_snapshots (sandbox, seq, body) VALUES ($1, $2, $3)', [
    sandbox,
    seq,
    snapshot,
  ]);
}

/** Replaces the sandbox's whole data (reset, scenario load): a new incarnation, a snapshot, no log. */
export async function replaceSandbox(
  client: PoolClient,
  sandbox: string,
  incarnation: string,
  snapshot: (seq: number) => Promise<string>,
): Promise<number> {
  const { rows } = await client.query<{ seq: string }>(
    'UPDATE sandboxes SET incarnation = $2, seq = seq + 1 WHERE sandbox = $1 RETURNING seq',
    [sandbox, incarnation],
  );
  if (!rows[0]) throw new Error(`sandbox ${sandbox} is gone`);
  const seq = Number(rows[0].seq);
  await client.query('DELETE FROM sandbox_log WHERE sandbox = $1', [sandbox]);
  await client.query('UPDATE sandbox_snapshots SET seq = $2, body = $3 WHERE sandbox = $1', [
    sandbox,
    seq,
    await snapshot(seq),
  ]);
  return seq;
}

/** Copies `from`'s snapshot and log under `to` in the database itself (no text crosses the wire). */
export async function copySandbox(
  client: PoolClient,
  from: string,
  to: string,
  incarnation: string,
  stamp: LogRow,
): Promise<void> {
  await client.query('INSERT INTO sandboxes (sandbox, incarnation, seq) VALUES ($1, $2, $3)', [
    to,
    incarnation,
    stamp.seq,
  ]);
  await client.query(
    'INSERT INTO sandbox_snapshots (sandbox, seq, body) SELECT $2, seq, body FROM sandbox_snapshots WHERE sandbox = $1',
    [from, to],
  );
  await client.query(
    'INSERT INTO sandbox_log (sandbox, seq, patch) SELECT $2, seq, patch FROM sandbox_log WHERE sandbox = $1',
    [from, to],
  );
  await client.query('INSERT INTO sandbox_log (sandbox, seq, patch) VALUES ($1, $2, $3)', [to, stamp.seq, stamp.patch]);
}

export async function deleteSandbox(client: PoolClient, sandbox: string): Promise<void> {
  await client.query('DELETE FROM sandboxes WHERE sandbox = $1', [sandbox]);
  await client.query('DELETE FROM sandbox_journal WHERE sandbox = $1', [sandbox]);
}

/**
 * A newer snapshot (as of `seq`) and the log up to it cut, unless the sandbox was replaced meanwhile (another
 * incarnation) or a newer snapshot is already there. Rows up to `seq` never change, so no write lock is needed.
 */
export async function compact(
  client: PoolClient,
  sandbox: string,
  incarnation: string,
  seq: number,
  body: string,
): Promise<boolean> {
  await client.query('BEGIN');
  try {
    const { rowCount } = await client.query(
      `UPDATE sandbox_snapshots SET seq = $3, body = $4 WHERE sandbox = $1 AND seq < $3
         AND EXISTS (SELECT 1 FROM sandboxes WHERE sandbox = $1 AND incarnation = $2)`,
      [sandbox, incarnation, seq, body],
    );
    if (rowCount) await client.query('DELETE FROM sandbox_log WHERE sandbox = $1 AND seq <= $2', [sandbox, seq]);
    await client.query('COMMIT');
    return rowCount === 1;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
