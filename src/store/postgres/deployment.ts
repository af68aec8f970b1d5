// What every instance of one database must agree on, kept in the database itself: the secret that signs
// temporary SecurityTrax tokens (so a token issued by one instance is accepted by all), the admin token, the
// sandbox quota and the scenario catalogue. The first instance records them; a later one started with other
// values refuses to start (unless --reconfigure, which records its own), so every instance behaves the same.
import { createHash, randomBytes } from 'node:crypto';
import type { PoolClient } from 'pg';

export type DeploymentWish = {
  /** The admin token this instance was given (undefined: none). */
  adminToken?: string;
  /** The quota this instance was given explicitly (undefined: adopt the recorded one). */
  maxSandboxes?: number;
  /** Fingerprint of the scenario files this instance reads (scenarioCatalogFingerprint). */
  scenarios: string;
  /** Record this instance's values instead of refusing a difference. */
  reconfigure?: boolean;
};

export type Deployment = { tokenSecret: Buffer; maxSandboxes: number | undefined };

class DeploymentMismatch extends Error {}

const SETTINGS_LOCK = 1_952_000_003;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Reads (recording what is missing) and checks the deployment's settings, under a lock. Without a wish (a
 * tool that only reads or copies sandboxes, not an instance serving them) nothing is checked.
 */
export async function agreeOnDeployment(client: PoolClient, wish: DeploymentWish | undefined): Promise<Deployment> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SETTINGS_LOCK]);
    const { rows } = await client.query<{ key: string; value: string }>('SELECT key, value FROM trax_settings');
    const recorded = new Map(rows.map((r) => [r.key, r.value]));
    const set = async (key: string, value: string) => {
      await client.query(
        'INSERT INTO trax_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      );
      recorded.set(key, value);
    };
    if (!recorded.has('token_secret')) await set('token_secret', randomBytes(32).toString('hex'));

    const mine = wish && {
      admin_token: wish.adminToken ? sha256(wish.adminToken) : 'none',
      scenarios: wish.scenarios,
      ...(wish.maxSandboxes === undefined ? {} : { max_sandboxes: String(wish.maxSandboxes) }),
    };
    const differences: string[] = [];
    for (const [key, value] of Object.entries(mine ?? {})) {
      const theirs = recorded.get(key);
      if (theirs === undefined || wish?.reconfigure) await set(key, value);
      else if (theirs !== value) differences.push(key);
    }
    if (differences.length) throw new DeploymentMismatch(mismatchMessage(differences));
    await client.query('COMMIT');
    const max = recorded.get('max_sandboxes');
    return {
      tokenSecret: Buffer.from(recorded.get('token_secret')!, 'hex'),
      maxSandboxes: max ? Number(max) : undefined,
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

const WHAT: Record<string, string> = {
  admin_token: 'the admin token (--admin-token / $TRAX_SIM_ADMIN_TOKEN)',
  max_sandboxes: 'the sandbox quota (--max-sandboxes)',
  scenarios: 'the scenario files (bundled and --scenarios folders)',
};

function mismatchMessage(keys: string[]): string {
  const list = keys.map((k) => WHAT[k] ?? k).join(', ');
  return `this database's other instances run with another ${list}; start every instance with the same, or pass --reconfigure to make this instance's the deployment's`;
}

/** A fingerprint of a scenario catalogue: each file's name and content. */
export function scenarioCatalogFingerprint(files: readonly { name: string; text: string }[]): string {
  const lines = files.map((f) => `${f.name}:${sha256(f.text)}`).sort();
  return sha256(lines.join('\n'));
}
