import { z } from 'zod';

export const ROLES = ['investor', 'issuer', 'broker', 'transfer_agent', 'compliance_officer', 'tenant_admin'] as const;

export const listUsersQuery = z.object({
  search: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  limit: z.coerce.number().int().min(1, 'limit must be at least 1').max(100, 'limit is at most 100').default(25),
  offset: z.coerce.number().int().min(0, 'offset cannot be negative').max(100_000).default(0),
});

export const roleChangeInput = z.object({ role: z.enum(ROLES), action: z.enum(['grant', 'revoke']) });
export const userStatusInput = z.object({ status: z.enum(['active', 'disabled']), reason: z.string().trim().min(3).max(500) });
export const userSessionParams = z.object({ id: z.string().uuid('id must be a UUID'), sessionId: z.string().uuid('sessionId must be a UUID') });
