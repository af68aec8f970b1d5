import { DomainError } from '../domain/errors.ts';

export const DEFAULT_SANDBOX = 'default';
// Lower-case letters, digits, "-" and "_": a sandbox name becomes a file name, so no dots or slashes; and
// none of the device names Windows reserves in any folder (a data folder may live there).
const SANDBOX_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

export function assertSandboxName(name: string): string {
  if (!SANDBOX_NAME.test(name) || WINDOWS_DEVICE.test(name)) {
    const reserved = WINDOWS_DEVICE.test(name) ? ` "${name}" is a device name Windows reserves;` : '';
    throw new DomainError(
      'bad_request',
      'invalid-sandbox-name',
      'Invalid sandbox name',
      `Sandbox names are 1-63 characters of a-z, 0-9, "-" and "_", starting with a letter or digit, and not con, prn, aux, nul, com0-9 or lpt0-9;${reserved} got ${JSON.stringify(name.slice(0, 80))}.`,
    );
  }
  return name;
}
