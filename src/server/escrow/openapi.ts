import { z } from 'zod';
import { escrowListQuery, escrowRefundInput, escrowReleaseInput } from './schema';

// The escrow routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
const idParam = z.object({ id: z.string().uuid() });

export const escrowOps = [
  { tag: 'escrow', method: 'get', path: '/api/admin/escrow', summary: 'Escrowed investments (held while KYC is pending) with decision deadline, expiry, days left and every movement', auth: ['tenant_admin'], query: escrowListQuery },
  { tag: 'escrow', method: 'post', path: '/api/admin/escrow/{id}/release', summary: 'Release a held escrow to its deal (investor KYC approved, no open screening hits)', auth: ['tenant_admin'], params: idParam, body: escrowReleaseInput.unwrap() },
  { tag: 'escrow', method: 'post', path: '/api/admin/escrow/{id}/refund', summary: 'Refund a held escrow by hand (reason manual, with the note)', auth: ['tenant_admin'], params: idParam, body: escrowRefundInput },
] as const;
