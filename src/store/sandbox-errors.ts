// The errors every store gives about sandboxes as a whole (either store, and the services before them): one
// wording, one code each.
import { DomainError } from '../domain/errors.ts';

export const notFoundSandbox = (name: string) =>
  new DomainError(
    'not_found',
    'sandbox-not-found',
    'Sandbox not found',
    `There is no sandbox named "${name}". Create it with POST /__sim/sandboxes.`,
    { sandbox: name },
  );

export const sandboxExists = (name: string) =>
  new DomainError('conflict', 'sandbox-exists', 'Sandbox already exists', `A sandbox named "${name}" already exists.`);

/** `holder`: what holds them, as the operator knows it (a server with its data folder, or a deployment). */
export const sandboxQuotaReached = (maxSandboxes: number, holder: 'server' | 'deployment') =>
  new DomainError(
    'conflict',
    'sandbox-quota-reached',
    'Too many sandboxes',
    `This ${holder} holds at most ${maxSandboxes} sandboxes (--max-sandboxes). Delete one with DELETE /__sim/sandboxes/{name} first.`,
    { maxSandboxes },
  );
