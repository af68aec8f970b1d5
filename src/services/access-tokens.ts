// Bearer tokens of the SecurityTrax face: made random, kept only as a hash (a sandbox stores the hash of each
// personal access token; the face compares hashes).
import { createHash, randomBytes } from 'node:crypto';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
export const newToken = (): string => randomBytes(24).toString('base64url');
