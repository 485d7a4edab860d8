import { z } from 'zod';
import { faqView, keyTermView, requiredDocumentView } from '../deal-content/schema';
import { investResponse } from '../investments/openapi';
import { corporateActionResponse } from '../transfer-agents/openapi';
import { generatedNamedSchemas, generatedResponses } from './responses.generated';

// What each operation answers on success, for /api/openapi.json. Most of it is generated from the
// handlers' return types (responses.generated.ts, by scripts/openapi-responses.ts); this file adds
// what a type cannot say: files and CSV built as a Response, the item routes' factories, a status
// computed at run time, and the error statuses an operation answers beyond the common ones.

export type SuccessDoc = { description?: string; schema?: z.ZodType; mediaType?: string; noContent?: true };
export type ResponseDoc = { success: Record<number, SuccessDoc>; errors: number[] };

const csv = (description: string): Record<number, SuccessDoc> => ({ 200: { description, mediaType: 'text/csv' } });
const file = (description: string, mediaType: string): Record<number, SuccessDoc> => ({ 200: { description, mediaType } });

const ITEMS = { faqs: ['faqs', faqView], 'key-terms': ['keyTerms', keyTermView], 'required-documents': ['requiredDocuments', requiredDocumentView] } as const;

const readiness = z.object({ status: z.enum(['ready', 'not_ready']), database: z.enum(['connected', 'disconnected']), pendingMigrations: z.array(z.string()) });

const manual: Record<string, Record<number, SuccessDoc>> = {
  'get /api/openapi.json': { 200: { description: 'The OpenAPI 3.1 document', schema: z.object({ openapi: z.literal('3.1.0') }).catchall(z.unknown()) } },
  'get /api/livez': { 200: { schema: z.object({ status: z.literal('alive') }) } },
  'get /api/readyz': { 200: { schema: readiness }, 503: { description: 'Not ready: the same body says why', schema: readiness } },
  'post /api/deals/{id}/invest': { 201: { description: 'Invested (a replay with the same Idempotency-Key answers the first answer again)', schema: investResponse } },
  'get /api/admin/audit-logs/csv': csv('The filtered audit trail as CSV'),
  'get /api/issuer/deals/{id}/cap-table.csv': csv('Cap table as CSV'),
  'get /api/compliance/reports/deals/{id}/csv': csv('The deal investor report as CSV'),
  'get /api/issuer/groups/members.csv': csv('The group’s members as CSV'),
  'get /api/admin/referrals/transactions.csv': csv('Every referral reward and clawback as CSV'),
  'get /api/referrals/visit/{code}': { 302: { description: 'To the link’s landing path on this host (Location), with the first-touch cookie (Set-Cookie) when the click starts one', noContent: true } },
  'get /api/broker/statements.csv': csv('The commission statement as CSV'),
  'post /api/transfer-agent/deals/{id}/actions': { 201: { description: 'Recorded (a replay with the same Idempotency-Key answers the first answer again)', schema: corporateActionResponse } },
  'get /api/transfer-agent/deals/{id}/cap-table.csv': csv('The holder register as CSV'),
  'get /api/notifications/stream': { 200: { description: 'Server-Sent Events: one `notification` event per new notification and `read` events as they are marked read', mediaType: 'text/event-stream' } },
  'get /api/documents/{id}': file('The document version’s bytes (its own media type, e.g. application/pdf)', 'application/octet-stream'),
  'get /api/profile/export': file('A tar archive: data.json and files/', 'application/x-tar'),
  'get /api/admin/users/{id}/export': file('A tar archive: data.json and files/', 'application/x-tar'),
  'get /api/files/{cid}': file('The media file (its own media type: an image or video/mp4)', 'application/octet-stream'),
  'get /api/compliance/kyc/applications/{id}/documents/{documentId}': file('The decrypted document (its own media type, e.g. image/png or application/pdf)', 'application/octet-stream'),
  ...Object.fromEntries(
    Object.entries(ITEMS).flatMap(([kind, [key, item]]) => [
      [`get /api/deals/{id}/${kind}`, { 200: { schema: z.object({ [key]: z.array(item) }) } }],
      [`post /api/deals/{id}/${kind}`, { 201: { schema: item } }],
      [`patch /api/deals/{id}/${kind}/{itemId}`, { 200: { schema: item } }],
      [`delete /api/deals/{id}/${kind}/{itemId}`, { 204: { noContent: true } }],
    ]),
  ),
};

/** Files are served with their own media type (one that could run in a browser is served as inert text/plain): these stand for `application/octet-stream` above. */
export const FILE_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp', 'image/gif', 'video/mp4', 'text/plain', 'application/octet-stream'];

// Error statuses an operation answers beyond those every operation may (400, 403 for a suspended
// tenant or a failed CSRF check, 404, 429; 401 with authentication; 413 and 415 with a body):
// 401 of the public sign-in steps and webhooks, 409 conflicts with the current state, 422 and 502.
const extraErrors: Record<string, number[]> = {
  'get /api/health': [401], // ?tenant=<slug> without signing in
  'get /api/investor/deals/{id}/disclosure-502b': [409],
  'patch /api/admin/kyc-settings': [409],
  'patch /api/issuer/profile': [409],
  'post /api/admin/chain/transactions/{id}/retry': [409],
  'post /api/admin/deals/{id}': [409],
  'post /api/admin/escrow/{id}/extend': [409],
  'post /api/admin/escrow/{id}/refund': [409],
  'post /api/admin/escrow/{id}/reject': [409],
  'post /api/admin/escrow/{id}/release': [409],
  'post /api/admin/investments/{id}/confirm': [409],
  'post /api/admin/investments/{id}/refund': [409],
  'post /api/admin/users/{id}/roles': [409],
  'post /api/auth/login': [401],
  'post /api/platform/auth/login': [401],
  'post /api/platform/auth/mfa': [401],
  'post /api/auth/mfa/verify': [401],
  'post /api/auth/refresh': [401],
  'post /api/compliance/accreditations/{id}/decision': [409],
  'post /api/compliance/holdings/{id}/stop-transfer': [409],
  'post /api/compliance/kyc/applications/{id}/decision': [409],
  'post /api/compliance/screening/hits/{id}/decision': [409],
  'post /api/deal-groups': [409],
  'post /api/deals/{id}/invest': [409, 422],
  'post /api/deals/{id}/invitations': [409],
  'post /api/deals/{id}/reviews': [409],
  'post /api/deals/{id}/transitions': [409],
  'post /api/investments/{id}/cancel': [409],
  'post /api/investments/{id}/reconfirm': [409],
  'post /api/investor/accreditation': [409],
  'post /api/investor/deals/{id}/disclosure-502b': [409],
  'post /api/investor/kyc/applications': [409, 502],
  'post /api/issuer/bad-actor-certification': [409],
  'post /api/issuer/deals/{id}/material-changes': [409],
  'post /api/wallet/link': [409],
  'post /api/webhooks/blockchain': [401, 409, 413], // a replayed delivery is 409 webhook_replayed; the raw body has a size limit
  'post /api/webhooks/kyc/{provider}': [401, 413], // the raw body has a size limit
  'post /api/webhooks/email/resend': [401], // no valid Standard Webhooks signature, or no secret configured
  'post /api/webhooks/telegram/{secret}': [401, 413], // wrong X-Telegram-Bot-Api-Secret-Token; the raw body has a size limit
  'post /api/notifications/telegram/link-code': [409], // the tenant has no bot
  // Investment groups: the group's state refuses the step (own group, already a member, an open
  // application, a decided application, a full group, an expired or withdrawn invitation, a deal already open).
  'post /api/groups/{id}/apply': [409],
  'post /api/groups/{id}/leave': [409],
  'put /api/groups/{id}/deals/{dealId}/pre-commitment': [409],
  'delete /api/groups/{id}/deals/{dealId}/pre-commitment': [409],
  'post /api/groups/invitations/accept': [409],
  'post /api/issuer/groups': [409],
  'patch /api/issuer/groups': [409],
  'post /api/issuer/groups/applications/{id}/decision': [409],
  // Staking: no contracts on the chain yet, a pool not on chain yet, an operator short of reward tokens.
  'post /api/admin/staking/pools': [409],
  'post /api/admin/staking/pools/{id}/fund': [409],
  // Lending: the contract or the wallet would refuse the call, a disclosure missing or outdated, a pool not on chain yet.
  'post /api/lending/pools/{id}/calls': [409],
  'post /api/lending/disclosure/acknowledge': [409],
  'post /api/admin/lending/pools': [409],
  'post /api/admin/lending/pools/{id}/prices': [409],
  'put /api/investor/compliance/purchaser-counting': [409],
  // Referrals: a chosen code taken, a reward no longer pending.
  'post /api/referrals/links': [409],
  'post /api/admin/referrals/rewards/{id}/approve': [409],
  'post /api/transfer-agent/deals/{id}/actions': [422], // an Idempotency-Key reused with other parameters

};

export function responseDocOf(method: string, path: string): ResponseDoc {
  const key = `${method} ${path}`;
  const success = manual[key] ?? Object.fromEntries(Object.entries(generatedResponses[key] ?? {}).map(([s, schema]) => [s, Number(s) === 204 ? { noContent: true } : { schema }]));
  return { success, errors: extraErrors[key] ?? [] };
}

/** Named schemas shared as components (reached from several operations). */
export const sharedResponseSchemas: [string, z.ZodType][] = generatedNamedSchemas;
