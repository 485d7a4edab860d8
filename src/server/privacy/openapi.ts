import { z } from 'zod';
import { erasureRequestInput } from './service';

const idParam = z.object({ id: z.uuid() });
const erasure = z.object({ id: z.uuid(), status: z.string(), dueAt: z.string() });
const erasureStatus = z.object({ scheduled: erasure.nullable(), delayDays: z.number().int() });
const conflict = 'An erasure of this member is already scheduled: code `erasure_already_scheduled`';

// The privacy routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
export const privacyOps = [
  { tag: 'privacy', method: 'get', path: '/api/profile/export', summary: 'Download everything the platform holds about the caller: a tar with data.json (every row that refers to them) and their files (KYC documents, decrypted)', auth: 'user' },
  { tag: 'privacy', method: 'get', path: '/api/profile/erasure', summary: 'Whether an erasure of the caller is scheduled, and the tenant’s delay in days', auth: 'user', response: erasureStatus },
  { tag: 'privacy', method: 'post', path: '/api/profile/erasure', summary: 'Ask for erasure: after the tenant’s delay, personal fields are anonymised and KYC files crypto-shredded; financial and audit records stay, marked "erased member"', auth: 'user', body: erasureRequestInput, response: erasure, status: 201, conflict },
  { tag: 'privacy', method: 'delete', path: '/api/profile/erasure', summary: 'Withdraw a scheduled erasure', auth: 'user' },
  { tag: 'privacy', method: 'get', path: '/api/admin/users/{id}/export', summary: 'A member’s data, for a request the member made to the tenant (same archive as their own download)', auth: ['tenant_admin'], params: idParam },
  { tag: 'privacy', method: 'get', path: '/api/admin/users/{id}/erasure', summary: 'Whether an erasure of the member is scheduled', auth: ['tenant_admin'], params: idParam, response: erasureStatus },
  { tag: 'privacy', method: 'post', path: '/api/admin/users/{id}/erasure', summary: 'Schedule a member’s erasure on their request (after the tenant’s delay)', auth: ['tenant_admin'], params: idParam, body: erasureRequestInput, response: erasure, status: 201, conflict },
  { tag: 'privacy', method: 'delete', path: '/api/admin/users/{id}/erasure', summary: 'Cancel a member’s scheduled erasure', auth: ['tenant_admin'], params: idParam },
] as const;
