// "After successfully checking the Billing Integration checkbox, it may take up to an hour for the end
// users to see the Billing screen (this is due to Alarm.com caching roles/permissions)."
import { event } from './events.ts';
import type { Ctx } from './ids.ts';
import type { CommandResult } from './patch.ts';
import type { Isp } from './types.ts';

/** "Up to an hour": how long a new sandbox's role cache takes (the roleCacheMinutes setting). */
export const DEFAULT_ROLE_CACHE_MINUTES = 60;

/**
 * When the role cache catches up with the integration (epoch ms): the Billing screen shows from then
 * on, and the clock refreshes the cache then. Null when nothing is waiting: the integration is off,
 * was enabled before the simulator tracked it, or the cache was refreshed after the latest enablement
 * (that refresh wins even if roleCacheMinutes changed since).
 */
export function roleCacheReadyAt(isp: Isp, roleCacheMinutes: number): number | null {
  if (!isp.billingIntegration || !isp.billingIntegrationEnabledAt) return null;
  const enabledAt = Date.parse(isp.billingIntegrationEnabledAt);
  if (isp.roleCacheRefreshedAt && Date.parse(isp.roleCacheRefreshedAt) >= enabledAt) return null;
  return enabledAt + roleCacheMinutes * 60_000;
}

/** The role cache catches up now: end users of the ISP's customers see the Billing screen. */
export function refreshRoleCache(isp: Isp, ctx: Ctx): CommandResult<Isp> {
  const next: Isp = { ...isp, roleCacheRefreshedAt: ctx.now };
  return {
    patch: { upsert: { isps: [next] }, events: [event(ctx, 'role_cache.refreshed', { ispId: isp.id })] },
    result: next,
  };
}
