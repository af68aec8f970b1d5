import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLE_CACHE_MINUTES, refreshRoleCache, roleCacheReadyAt } from './role-cache.ts';
import { makeIsp } from '../../test/support/domain-fixtures.ts';
import { plainReader } from './reader.ts';

const enabledAt = '2019-01-01T09:00:00.000Z';
const pending = makeIsp({ billingIntegrationEnabledAt: enabledAt, roleCacheRefreshedAt: null });

describe('roleCacheReadyAt', () => {
  it('is the enablement plus the interval while the cache has not caught up', () => {
    expect(DEFAULT_ROLE_CACHE_MINUTES).toBe(60);
    expect(roleCacheReadyAt(pending, 60)).toBe(Date.parse('2019-01-01T10:00:00.000Z'));
    expect(roleCacheReadyAt(pending, 0)).toBe(Date.parse(enabledAt));
  });

  it('is null when nothing waits: integration off, enablement untracked, or refreshed since the enablement', () => {
    expect(roleCacheReadyAt({ ...pending, billingIntegration: false }, 60)).toBeNull();
    expect(roleCacheReadyAt({ ...pending, billingIntegrationEnabledAt: null }, 60)).toBeNull();
    expect(roleCacheReadyAt({ ...pending, roleCacheRefreshedAt: enabledAt }, 60)).toBeNull();
    expect(roleCacheReadyAt({ ...pending, roleCacheRefreshedAt: '2019-01-01T08:59:59.999Z' }, 60)).not.toBeNull();
  });
});

describe('refreshRoleCache', () => {
  it('stamps the refresh and records it', () => {
    const { patch, result } = refreshRoleCache(pending, {
      now: '2019-01-01T10:00:00.000Z',
      ids: () => 5,
      read: plainReader,
    });
    expect(result).toEqual({ ...pending, roleCacheRefreshedAt: '2019-01-01T10:00:00.000Z' });
    expect(patch).toEqual({
      upsert: { isps: [result] },
      events: [{ id: 5, at: '2019-01-01T10:00:00.000Z', type: 'role_cache.refreshed', data: { ispId: pending.id } }],
    });
  });
});
