import { z } from 'zod';

const email = z.string({ error: 'email is required' }).trim().toLowerCase().max(254, 'email is too long').pipe(z.email({ error: 'email is not a valid address' }));

export const consoleSignInInput = z.object({ email, password: z.string({ error: 'password is required' }).min(1, 'password is required').max(1024, 'password is too long') });
export const consoleCodeInput = z.object({
  mfaToken: z.string({ error: 'mfaToken is required' }).min(20, 'mfaToken is not valid').max(200, 'mfaToken is not valid'),
  code: z.string({ error: 'code is required' }).trim().regex(/^\d{6}$/, 'code must be the 6 digits your authenticator app shows'),
});
export const suspendInput = z.object({ reason: z.string({ error: 'reason is required' }).trim().min(3, 'reason must say why (at least 3 characters)').max(500, 'reason is too long') });
export const tenantIdParams = z.object({ id: z.uuid({ error: 'id must be a tenant id (UUID)' }) });
export const consoleAuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  tenantId: z.uuid({ error: 'tenantId must be a UUID' }).optional(),
  before: z.coerce.date({ error: 'before must be a date-time' }).optional(),
});
