import { z } from 'zod';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { credentialsProviderParams, storeKycCredentials } from '@/server/kyc/admin-credentials';

// The secrets' shape depends on the provider, so the service validates them.
export const PUT = route({ roles: ['tenant_admin'], body: z.record(z.string(), z.unknown()) }, async ({ tenant, principal, params, body, meta, config }) =>
  storeKycCredentials(tenant, principal, config, parseWith(credentialsProviderParams, params).provider, body, meta),
);
