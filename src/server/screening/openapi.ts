import { z } from 'zod';
import { hitDecisionInput, hitListQuery, listUploadQuery } from './schema';

// The screening routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
const idParam = z.object({ id: z.string().uuid() });
const officers = ['compliance_officer', 'tenant_admin'];

export const screeningOps = [
  { tag: 'screening', method: 'get', path: '/api/admin/screening-lists', summary: 'Uploaded sanctions and PEP lists', auth: ['tenant_admin'] },
  { tag: 'screening', method: 'post', path: '/api/admin/screening-lists', summary: 'Upload a list as text/csv (name,aliases,date_of_birth,countries; ; between aliases and countries; max 5 MiB); 400 names every bad line', auth: ['tenant_admin'], query: listUploadQuery, upload: true, status: 201 },
  { tag: 'screening', method: 'get', path: '/api/compliance/screening/hits', summary: 'The screening review queue', auth: officers, query: hitListQuery },
  { tag: 'screening', method: 'post', path: '/api/compliance/screening/hits/{id}/decision', summary: 'Clear or confirm a hit (confirm refunds held escrows as a rejection; clearing the last open hit of a KYC-approved investor releases them)', auth: officers, params: idParam, body: hitDecisionInput },
  { tag: 'screening', method: 'post', path: '/api/compliance/screening/users/{id}/screen', summary: 'Screen one user against the current lists now', auth: officers, params: idParam },
] as const;
