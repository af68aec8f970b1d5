import { defineResource } from './resource-type.ts';

/** `interactive_services_providers` (inferred). The password is write-only. */
export const isps = defineResource({
  type: 'interactive_services_providers',
  label: 'Interactive Services Provider',
  collection: 'isps',
  operations: { list: 'listIsps', get: 'getIsp', create: 'createIsp' },
  attributes: {
    name: { read: (i) => i.name, filter: 'string', domain: 'name' },
    username: { read: (i) => i.username, filter: 'string', domain: 'username' },
    password: { domain: 'password' },
    billing_integration: { read: (i) => i.billingIntegration, filter: 'boolean', domain: 'billingIntegration' },
    billing_integration_enabled_at: { read: (i) => i.billingIntegrationEnabledAt, filter: 'date' },
    role_cache_refreshed_at: { read: (i) => i.roleCacheRefreshedAt, filter: 'date' },
  },
  relationships: {},
});
