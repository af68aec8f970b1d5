import { DomainError } from '../domain/errors.ts';

export const DEFAULT_SANDBOX = 'default';
// Lower-case letters, digits, "-" and "_": a sandbox name becomes a file name, so no dots or slashes.
const SANDBOX_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function assertSandboxName(name: string): string {
  if (!SANDBOX_NAME.test(name)) {
    throw new DomainError(
      'bad_request',
      'invalid-sandbox-name',
      'Invalid sandbox name',
      `Sandbox names are 1-63 characters of a-z, 0-9, "-" and "_", starting with a letter or digit; got ${JSON.stringify(name.slice(0, 80))}.`,
    );
  }
  return name;
}
