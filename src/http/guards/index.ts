import type { Hono } from 'hono';
import { adminToken } from './admin-token.ts';
import { corsGrants, corsGuard, type CorsOptions } from './cors.ts';
import { hostGuard, type HostGuardOptions } from './host-guard.ts';
import { originGuard, STATE_CHANGING_METHODS } from './origin-guard.ts';

export type GuardOptions = {
  /** Cross-origin access for browser clients; none by default. */
  cors?: CorsOptions;
  /** Check `Host` (DNS rebinding); a listening server sets it, in-process transports leave it off. */
  hosts?: HostGuardOptions;
  /** Protect /__sim and the console with this token. */
  adminToken?: string;
};

/**
 * Mounts the guards before anything else answers. Each is only mounted when it has work to do, and the
 * origin guard only for state-changing methods: reads keep Hono's single-handler fast path.
 */
export function mountGuards(app: Hono, options: GuardOptions): void {
  if (options.hosts) app.use('*', hostGuard(options.hosts));
  if (options.cors) app.use('*', corsGuard(options.cors));
  if (options.adminToken) app.use('*', adminToken({ token: options.adminToken }));
  app.on(
    STATE_CHANGING_METHODS,
    '*',
    originGuard({ granted: (origin, path) => corsGrants(options.cors, origin, path) }),
  );
}
