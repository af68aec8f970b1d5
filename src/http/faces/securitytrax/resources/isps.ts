import { byId } from '../../../../domain/by-id.ts';
import type { Isp } from '../../../../domain/types.ts';
import type { ResourceType } from './resource-type.ts';

/** `interactive_services_providers` (inferred). The password is write-only. */
export const isps: ResourceType<Isp> = {
  type: 'interactive_services_providers',
  label: 'Interactive Services Provider',
  list: (s) => s.isps,
  find: (s, id) => byId(s.isps, id),
  attributes: {
    name: { read: (i) => i.name, filter: 'string', domain: 'name' },
    username: { read: (i) => i.username, filter: 'string', domain: 'username' },
    password: { domain: 'password' },
    billing_integration: { read: (i) => i.billingIntegration, filter: 'boolean', domain: 'billingIntegration' },
    billing_integration_enabled_at: { read: (i) => i.billingIntegrationEnabledAt, filter: 'date' },
    role_cache_refreshed_at: { read: (i) => i.roleCacheRefreshedAt, filter: 'date' },
  },
  relationships: {},
};
