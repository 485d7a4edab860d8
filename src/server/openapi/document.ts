import { z } from 'zod';
import * as authSchema from '../auth/schema';
import { createDealInput, dealTransitionInput, listDealsQuery, updateDealInput } from '../deals/schema';
import { createIssuerInput, issuerReviewInput, updateIssuerInput } from '../issuers/schema';
import { adminInvestmentListQuery, investInput } from '../investments/schema';
import { investResponse } from '../investments/openapi';
import { listUsersQuery, roleChangeInput, userSessionParams, userStatusInput } from '../users/schema';
import { complianceOps } from '../compliance/openapi';
import { walletOps } from '../wallets/openapi';
import { groupOps } from '../groups/openapi';
import { notificationOps } from '../notifications/openapi';
import { webhookOps } from '../webhooks/openapi';
import { telegramOps } from '../telegram/openapi';
import { chainTxOps } from '../chain/tx-manager/openapi';
import { lendingOps } from '../lending/openapi';
import { newsletterOps } from '../newsletter/openapi';
import { brokerOps } from '../brokers/openapi';
import { transferAgentOps } from '../transfer-agents/openapi';
import { stakingOps } from '../staking/openapi';
import { feedOps } from '../feed/openapi';
import { assetOps } from '../assets/openapi';
import { consoleOps } from '../platform/console/openapi';
import { privacyOps } from '../privacy/openapi';
import { referralOps } from '../referrals/openapi';
import * as content from '../deal-content/schema';
import { escrowListQuery, escrowRefundInput, escrowReleaseInput } from '../escrow/schema';
import { hitDecisionInput, hitListQuery, listUploadQuery } from '../screening/schema';
import { downloadQuery, investorDocumentQuery, issuerDocumentQuery, newDocumentQuery, newVersionQuery } from '../documents/schema';
import { linkWalletInput, unlinkWalletInput } from '../wallets/schema';
import { decisionInput, reviewListQuery, startApplicationInput, uploadDocumentQuery } from '../kyc/schema';
import { kycSettingsPatch, kycSettingsResponse } from '../kyc/kyc-settings';
import { adminDealActionInput, reviewQueueQuery, tenantStatsQuery } from '../reporting/schema';
import { tenantPatchInput, auditCsvQuery, auditQuery } from '../tenancy/admin';
import { FILE_MEDIA_TYPES, responseDocOf, sharedResponseSchemas } from './responses';

// OpenAPI 3.1 from the same zod schemas the routes validate with, so the contract cannot drift.
// zod 4 writes JSON Schema 2020-12, which is OpenAPI 3.1's schema dialect.
// The error model of src/server/errors.ts as src/server/http/problem.ts writes it (RFC 9457): an AppError's
// `extra` fields (e.g. retryAfter, rule, requiredLevel) ride along as extension members.
const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('stable machine-readable error code, e.g. validation_failed, not_found, compliance_*'),
    detail: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional().describe('validation_failed: each failing field'),
  })
  .catchall(z.unknown());
const health = z.object({ status: z.enum(['healthy', 'degraded', 'unhealthy']), database: z.enum(['connected', 'disconnected']), blockchain: z.enum(['connected', 'disconnected', 'not_configured']), services: z.object({ kyc: z.string(), email: z.string(), ipfs: z.string() }) });
const dealsResponse = z.object({ deals: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), status: z.string(), assetType: z.string(), currency: z.string(), targetAmount: z.string(), hardCap: z.string(), progress: z.object({ raised: z.string(), investors: z.number(), percent: z.string() }) }).passthrough()), total: z.number(), hasMore: z.boolean() });
const ok = z.object({ success: z.boolean() }).passthrough();
const idParam = z.object({ id: z.string().uuid() });

type Op = { method: 'get' | 'post' | 'patch' | 'put' | 'delete'; path: string; summary: string; auth?: 'user' | string[]; body?: z.ZodType; upload?: boolean; query?: z.ZodObject; params?: z.ZodObject; response?: z.ZodType; status?: number; tag: string; gated?: string; forbidden?: string; conflict?: string };

// Routes behind the tenant's verification level for an action (settings.compliance.verificationLevels).
const BROWSE_GATE =
  'the tenant requires a verification level to view deals (verificationLevels.browse) and the caller is below it: code `verification_level_required` with `action`, `requiredLevel` and `currentLevel` (401 for a visitor, 403 when signed in)';

const ops: Op[] = [
  { tag: 'health', method: 'get', path: '/api/openapi.json', summary: 'This API description (OpenAPI 3.1)' },
  { tag: 'health', method: 'get', path: '/api/health', summary: 'Platform health from real checks', response: health },
  { tag: 'health', method: 'get', path: '/api/livez', summary: 'Liveness: the process answers (any host, no tenant)', response: z.object({ status: z.literal('alive') }) },
  { tag: 'health', method: 'get', path: '/api/readyz', summary: 'Readiness: the database answers and every migration is applied (any host, no tenant; 503 otherwise)', response: z.object({ status: z.enum(['ready', 'not_ready']), database: z.enum(['connected', 'disconnected']), pendingMigrations: z.array(z.string()) }) },
  { tag: 'auth', method: 'post', path: '/api/auth/register', summary: 'Register an investor account', body: authSchema.registerInput, response: authSchema.registerResponse, status: 201 },
  { tag: 'auth', method: 'post', path: '/api/auth/login', summary: 'Log in (sets httpOnly cookies); MFA users get {mfaRequired, mfaToken}', body: authSchema.loginInput, response: authSchema.loginResponse },
  { tag: 'auth', method: 'post', path: '/api/auth/mfa/verify', summary: 'Second login step with a TOTP or recovery code', body: authSchema.mfaChallengeInput, response: authSchema.loginResponse },
  { tag: 'auth', method: 'post', path: '/api/auth/refresh', summary: 'Rotate the refresh token (cookie or body); reuse closes the session', body: z.object({ refreshToken: z.string().optional() }) },
  { tag: 'auth', method: 'post', path: '/api/auth/logout', summary: 'End this session', auth: 'user', response: ok },
  { tag: 'auth', method: 'post', path: '/api/auth/logout-all', summary: 'End every session', auth: 'user', response: ok },
  { tag: 'auth', method: 'get', path: '/api/auth/sessions', summary: 'List own sessions', auth: 'user' },
  { tag: 'auth', method: 'delete', path: '/api/auth/sessions/{id}', summary: 'Revoke one own session', auth: 'user', params: idParam, response: ok },
  { tag: 'auth', method: 'post', path: '/api/auth/verify-email', summary: 'Confirm the email with the mailed code', auth: 'user', body: authSchema.codeInput },
  { tag: 'auth', method: 'post', path: '/api/auth/verify-email/resend', summary: 'Mail a new email-verification code', auth: 'user' },
  { tag: 'auth', method: 'post', path: '/api/auth/password/forgot', summary: 'Mail a reset code (same answer for unknown emails)', body: authSchema.forgotPasswordInput, response: ok },
  { tag: 'auth', method: 'post', path: '/api/auth/password/reset', summary: 'Reset with the mailed code', body: authSchema.resetPasswordInput, response: ok },
  { tag: 'auth', method: 'post', path: '/api/auth/password/change', summary: 'Change the password', auth: 'user', body: authSchema.changePasswordInput, response: ok },
  { tag: 'auth', method: 'post', path: '/api/auth/mfa/setup', summary: 'Start TOTP set-up', auth: 'user' },
  { tag: 'auth', method: 'post', path: '/api/auth/mfa/enable', summary: 'Confirm TOTP; returns recovery codes once', auth: 'user', body: authSchema.mfaCodeInput },
  { tag: 'auth', method: 'post', path: '/api/auth/mfa/disable', summary: 'Turn TOTP off', auth: 'user', body: authSchema.mfaCodeInput },
  { tag: 'profile', method: 'get', path: '/api/profile', summary: 'The caller’s profile', auth: 'user' },
  { tag: 'profile', method: 'patch', path: '/api/profile', summary: 'Update the caller’s profile', auth: 'user', body: authSchema.profilePatchInput },
  { tag: 'profile', method: 'get', path: '/api/profile/settings', summary: 'The caller’s profile (the seed’s path; same as GET /api/profile)', auth: 'user' },
  { tag: 'profile', method: 'patch', path: '/api/profile/settings', summary: 'Update the caller’s profile (the seed’s path; same as PATCH /api/profile)', auth: 'user', body: authSchema.profilePatchInput },
  { tag: 'profile', method: 'get', path: '/api/profile/wallet', summary: 'The caller’s linked wallets', auth: 'user' },
  { tag: 'profile', method: 'post', path: '/api/profile/wallet', summary: 'Link a wallet (the seed’s path; same as POST /api/wallet/link)', auth: 'user', body: linkWalletInput },
  { tag: 'profile', method: 'delete', path: '/api/profile/wallet', summary: 'Unlink a wallet (the seed’s path; same as DELETE /api/wallet/link)', auth: 'user', body: unlinkWalletInput },
  { tag: 'profile', method: 'get', path: '/api/profile/verification', summary: 'Own KYC status, level and applications (the seed’s path; same as GET /api/investor/kyc)', auth: 'user' },
  { tag: 'investor', method: 'get', path: '/api/investor/documents', summary: 'The investor’s own documents', auth: ['investor'] },
  { tag: 'investor', method: 'post', path: '/api/investor/documents', summary: 'Upload an own document (raw body)', auth: ['investor'], query: investorDocumentQuery, upload: true, status: 201 },
  { tag: 'deals', method: 'get', path: '/api/deals', summary: 'List published deals (search, filters, paging)', query: listDealsQuery, response: dealsResponse, gated: BROWSE_GATE },
  { tag: 'deals', method: 'get', path: '/api/deals/featured', summary: 'Featured deals', query: listDealsQuery.omit({ featured: true }), response: dealsResponse, gated: BROWSE_GATE },
  { tag: 'deals', method: 'get', path: '/api/deals/{id}', summary: 'One deal by id or slug', params: z.object({ id: z.string() }), gated: BROWSE_GATE },
  { tag: 'deals', method: 'post', path: '/api/deals/{id}/invest', summary: 'Invest (Idempotency-Key header supported). On-chain deals answer with the wallet steps (onChain); a missing or foreign wallet is a 400 naming walletAddress, a sale not deployed yet a 409 deal_not_deployed', auth: 'user', params: idParam, body: investInput, response: investResponse, status: 201, forbidden: 'Missing role or CSRF token, or a compliance rule blocks the investment: a stable `compliance_*` code per rule with `rule` and `checkId`, e.g. `compliance_verification_level_required` when the tenant requires a higher verification level for investing (or for this amount: verificationLevels.investAbove)' },
  { tag: 'deals', method: 'post', path: '/api/deals/{id}/transitions', summary: 'Move a deal through its workflow (issuer or tenant admin)', auth: ['issuer', 'tenant_admin'], params: idParam, body: dealTransitionInput },
  { tag: 'deals', method: 'get', path: '/api/deals/{id}/review-history', summary: 'Review history of a deal (who, when, decision, reason) for its issuer and the reviewers', auth: ['issuer', 'tenant_admin', 'compliance_officer'], params: idParam },
  { tag: 'investor', method: 'get', path: '/api/investor/portfolio', summary: 'Positions, totals per currency, history', auth: 'user' },
  { tag: 'investor', method: 'post', path: '/api/investments/{id}/cancel', summary: 'Cancel an own pending investment', auth: 'user', params: idParam },
  { tag: 'issuer', method: 'get', path: '/api/issuer/profile', summary: 'Own issuer profile', auth: ['issuer'] },
  { tag: 'issuer', method: 'post', path: '/api/issuer/profile', summary: 'Create the issuer profile with its legal entity', auth: ['issuer'], body: createIssuerInput, status: 201 },
  { tag: 'issuer', method: 'patch', path: '/api/issuer/profile', summary: 'Edit the issuer profile; a changed legal entity goes back to review', auth: ['issuer'], body: updateIssuerInput },
  { tag: 'issuer', method: 'get', path: '/api/issuer/deals', summary: 'Own deals in every status', auth: ['issuer'], query: listDealsQuery, response: dealsResponse },
  { tag: 'issuer', method: 'post', path: '/api/issuer/deals', summary: 'Create a draft deal', auth: ['issuer'], body: createDealInput, status: 201 },
  { tag: 'issuer', method: 'patch', path: '/api/issuer/deals/{id}', summary: 'Edit an own draft deal', auth: ['issuer'], params: idParam, body: updateDealInput },
  { tag: 'admin', method: 'get', path: '/api/admin/users', summary: 'Users of the tenant', auth: ['tenant_admin'], query: listUsersQuery },
  { tag: 'admin', method: 'post', path: '/api/admin/users/{id}/roles', summary: 'Grant or revoke a role', auth: ['tenant_admin'], params: idParam, body: roleChangeInput, response: ok },
  { tag: 'admin', method: 'post', path: '/api/admin/users/{id}/status', summary: 'Disable or re-enable a user', auth: ['tenant_admin'], params: idParam, body: userStatusInput, response: ok },
  { tag: 'admin', method: 'get', path: '/api/admin/users/{id}/sessions', summary: 'A user’s active sessions: device (user agent), IP address, started, last seen, expiry', auth: ['tenant_admin'], params: idParam },
  { tag: 'admin', method: 'delete', path: '/api/admin/users/{id}/sessions', summary: 'End all of a user’s sessions (audited as user.sessions_revoked with the count)', auth: ['tenant_admin'], params: idParam },
  { tag: 'admin', method: 'delete', path: '/api/admin/users/{id}/sessions/{sessionId}', summary: 'End one of a user’s sessions (audited as user.session_revoked)', auth: ['tenant_admin'], params: userSessionParams },
  { tag: 'admin', method: 'get', path: '/api/admin/issuers', summary: 'Issuers to review', auth: ['tenant_admin'] },
  { tag: 'admin', method: 'post', path: '/api/admin/issuers/{id}/review', summary: 'Verify, reject or suspend an issuer', auth: ['tenant_admin'], params: idParam, body: issuerReviewInput },
  { tag: 'admin', method: 'get', path: '/api/admin/audit-logs', summary: 'Audit trail, newest first, filtered by actor, action (or action prefix), target and days; keyset paging by nextCursor', auth: ['tenant_admin', 'compliance_officer'], query: auditQuery },
  { tag: 'admin', method: 'get', path: '/api/admin/audit-logs/csv', summary: 'The filtered audit trail as CSV (the export is audited)', auth: ['tenant_admin', 'compliance_officer'], query: auditCsvQuery },
  { tag: 'admin', method: 'get', path: '/api/admin/investments', summary: 'Investments of the tenant with deal and investor, filtered by status, deal or investor (each read audited)', auth: ['tenant_admin'], query: adminInvestmentListQuery },
  { tag: 'admin', method: 'get', path: '/api/admin/tenant', summary: 'Tenant settings, branding, features, aliases', auth: ['tenant_admin'] },
  { tag: 'admin', method: 'patch', path: '/api/admin/tenant', summary: 'Change branding and feature flags', auth: ['tenant_admin'], body: tenantPatchInput },
  { tag: 'admin', method: 'get', path: '/api/admin/deals', summary: 'Deal review queue (oldest submission first)', auth: ['tenant_admin'], query: reviewQueueQuery },
  { tag: 'admin', method: 'post', path: '/api/admin/deals/{id}', summary: 'Approve, reject, feature or unfeature a deal', auth: ['tenant_admin'], params: idParam, body: adminDealActionInput },
  { tag: 'admin', method: 'get', path: '/api/admin/stats', summary: 'Raised per deal and per day, counts by status', auth: ['tenant_admin'], query: tenantStatsQuery },
  { tag: 'admin', method: 'post', path: '/api/admin/investments/{id}/confirm', summary: 'Record received funds: investment confirmed', auth: ['tenant_admin'], params: idParam },
  { tag: 'admin', method: 'post', path: '/api/admin/investments/{id}/refund', summary: 'Refund an investment with a reason', auth: ['tenant_admin'], params: idParam },
  { tag: 'admin', method: 'get', path: '/api/admin/issuers/{id}/documents', summary: 'An issuer’s verification documents', auth: ['tenant_admin', 'compliance_officer'], params: idParam },
  { tag: 'issuer', method: 'get', path: '/api/issuer/deals/{id}/investors', summary: 'Investors of an own deal with their totals', auth: ['issuer'], params: idParam },
  { tag: 'issuer', method: 'get', path: '/api/issuer/deals/{id}/cap-table.csv', summary: 'Cap table / allocation list as CSV', auth: ['issuer'], params: idParam },
  { tag: 'issuer', method: 'get', path: '/api/issuer/documents', summary: 'Own verification documents', auth: ['issuer'] },
  { tag: 'issuer', method: 'post', path: '/api/issuer/documents', summary: 'Upload a verification document (raw body)', auth: ['issuer'], query: issuerDocumentQuery, upload: true, status: 201 },
  { tag: 'deal content', method: 'get', path: '/api/deals/{id}/documents', summary: 'Documents of a deal', params: idParam },
  { tag: 'deal content', method: 'post', path: '/api/deals/{id}/documents', summary: 'Upload a deal document (raw body)', auth: ['issuer'], params: idParam, query: newDocumentQuery, upload: true, status: 201 },
  { tag: 'deal content', method: 'patch', path: '/api/deals/{id}/documents/{itemId}', summary: 'Rename, flag or archive a document', auth: ['issuer'], params: content.dealItemParams, body: content.documentPatch },
  { tag: 'deal content', method: 'delete', path: '/api/deals/{id}/documents/{itemId}', summary: 'Archive a document (versions kept)', auth: ['issuer'], params: content.dealItemParams },
  { tag: 'deal content', method: 'get', path: '/api/documents/{id}', summary: 'Download a document version (logged)', auth: 'user', params: idParam, query: downloadQuery },
  { tag: 'deal content', method: 'post', path: '/api/documents/{id}/versions', summary: 'Upload a new version (raw body)', auth: ['issuer'], params: idParam, query: newVersionQuery, upload: true, status: 201 },
  { tag: 'deal content', method: 'get', path: '/api/documents/{id}/access-log', summary: 'Who read a document and when', auth: 'user', params: idParam },
  { tag: 'deal content', method: 'get', path: '/api/deals/{id}/media', summary: 'Images and videos of a deal', params: idParam },
  { tag: 'deal content', method: 'post', path: '/api/deals/{id}/media', summary: 'Upload an image or video (raw body)', auth: ['issuer'], params: idParam, query: content.mediaQuery, upload: true, status: 201 },
  { tag: 'deal content', method: 'patch', path: '/api/deals/{id}/media/{itemId}', summary: 'Change caption or position', auth: ['issuer'], params: content.dealItemParams, body: content.mediaPatch },
  { tag: 'deal content', method: 'delete', path: '/api/deals/{id}/media/{itemId}', summary: 'Remove a media item', auth: ['issuer'], params: content.dealItemParams },
  { tag: 'deal content', method: 'get', path: '/api/files/{cid}', summary: 'A public media file by its IPFS CID', params: z.object({ cid: z.string() }) },
  { tag: 'deal content', method: 'get', path: '/api/deals/{id}/updates', summary: 'Announcements of a deal', params: idParam },
  { tag: 'deal content', method: 'post', path: '/api/deals/{id}/updates', summary: 'Post an announcement (markdown)', auth: ['issuer'], params: idParam, body: content.updateInput, status: 201 },
  { tag: 'deal content', method: 'patch', path: '/api/deals/{id}/updates/{itemId}', summary: 'Correct an announcement’s title or text (its publication time stays)', auth: ['issuer'], params: content.dealItemParams, body: content.updatePatch },
  ...(['faqs', 'key-terms', 'required-documents'] as const).flatMap((kind): Op[] => {
    const [input, patch] = { faqs: [content.faqInput, content.faqPatch], 'key-terms': [content.keyTermInput, content.keyTermPatch], 'required-documents': [content.requiredDocumentInput, content.requiredDocumentPatch] }[kind];
    return [
      { tag: 'deal content', method: 'get', path: `/api/deals/{id}/${kind}`, summary: `List ${kind.replace('-', ' ')}`, params: idParam },
      { tag: 'deal content', method: 'post', path: `/api/deals/{id}/${kind}`, summary: `Add one of the ${kind.replace('-', ' ')}`, auth: ['issuer'], params: idParam, body: input, status: 201 },
      { tag: 'deal content', method: 'patch', path: `/api/deals/{id}/${kind}/{itemId}`, summary: 'Change an item', auth: ['issuer'], params: content.dealItemParams, body: patch },
      { tag: 'deal content', method: 'delete', path: `/api/deals/{id}/${kind}/{itemId}`, summary: 'Remove an item', auth: ['issuer'], params: content.dealItemParams },
    ];
  }),
  { tag: 'deal content', method: 'get', path: '/api/deals/{id}/reviews', summary: 'Reviews with the average rating', params: idParam },
  { tag: 'deal content', method: 'post', path: '/api/deals/{id}/reviews', summary: 'Review a deal you invested in (once)', auth: 'user', params: idParam, body: content.reviewInput, status: 201 },
  { tag: 'deal content', method: 'put', path: '/api/deals/{id}/reviews', summary: 'Change your review', auth: 'user', params: idParam, body: content.reviewInput },
  { tag: 'deal content', method: 'delete', path: '/api/deals/{id}/reviews', summary: 'Delete your review', auth: 'user', params: idParam, status: 204 },
  { tag: 'deal content', method: 'get', path: '/api/deals/{id}/comments', summary: 'Threaded comments', params: idParam },
  { tag: 'deal content', method: 'post', path: '/api/deals/{id}/comments', summary: 'Comment or reply (issuer replies are marked)', auth: 'user', params: idParam, body: content.commentInput, status: 201 },
  { tag: 'deal content', method: 'delete', path: '/api/deals/{id}/comments/{itemId}', summary: "Delete own comment; the deal's issuer and tenant admins remove any (moderation)", auth: 'user', params: content.dealItemParams, status: 204 },
  { tag: 'deal content', method: 'get', path: '/api/deal-groups', summary: 'Deal groups (campaigns)' },
  { tag: 'deal content', method: 'post', path: '/api/deal-groups', summary: 'Create a deal group', auth: ['tenant_admin'], body: content.groupInput, status: 201 },
  { tag: 'deal content', method: 'get', path: '/api/deal-groups/{id}', summary: 'A group with its published deals', params: z.object({ id: z.string() }) },
  { tag: 'deal content', method: 'patch', path: '/api/deal-groups/{id}', summary: 'Change a group', auth: ['tenant_admin'], params: content.groupParams, body: content.groupPatch },
  { tag: 'deal content', method: 'delete', path: '/api/deal-groups/{id}', summary: 'Delete a group', auth: ['tenant_admin'], params: content.groupParams },
  { tag: 'deal content', method: 'post', path: '/api/deal-groups/{id}/deals', summary: 'Add a deal to a group', auth: ['tenant_admin'], params: content.groupParams, body: content.groupDealInput },
  { tag: 'deal content', method: 'delete', path: '/api/deal-groups/{id}/deals/{dealId}', summary: 'Remove a deal from a group', auth: ['tenant_admin'], params: content.groupDealParams },
  { tag: 'kyc', method: 'get', path: '/api/investor/kyc', summary: 'Own KYC status, level and applications', auth: 'user' },
  { tag: 'kyc', method: 'post', path: '/api/investor/kyc/applications', summary: 'Start KYC at level standard (identity) or enhanced (identity, selfie/liveness, proof of address; a verified investor may add it later). Sumsub: returns the WebSDK token of the tenant’s level for it', auth: 'user', body: startApplicationInput },
  { tag: 'kyc', method: 'post', path: '/api/investor/kyc/applications/{id}/documents', summary: 'Upload a document: identity, selfie or proof of address (manual review; raw body, encrypted at rest)', auth: 'user', params: idParam, query: uploadDocumentQuery, upload: true, status: 201 },
  { tag: 'kyc', method: 'get', path: '/api/compliance/kyc/applications', summary: 'KYC applications to review', auth: ['compliance_officer', 'tenant_admin'], query: reviewListQuery },
  { tag: 'kyc', method: 'get', path: '/api/compliance/kyc/applications/{id}', summary: 'One application with its documents, recorded checks and provider events', auth: ['compliance_officer', 'tenant_admin'], params: idParam },
  { tag: 'kyc', method: 'get', path: '/api/compliance/kyc/applications/{id}/documents/{documentId}', summary: 'A KYC document (decrypted)', auth: ['compliance_officer', 'tenant_admin'], params: z.object({ id: z.string().uuid(), documentId: z.string().uuid() }) },
  { tag: 'kyc', method: 'post', path: '/api/compliance/kyc/applications/{id}/decision', summary: 'Approve, reject or ask for a retry, recording per document which checks passed (identity, liveness, proof of address with its issue date); the response says whether the enhanced level was granted and what is missing', auth: ['compliance_officer', 'tenant_admin'], params: idParam, body: decisionInput },
  ...(complianceOps as unknown as Op[]),
  ...(walletOps as unknown as Op[]),
  ...(groupOps as unknown as Op[]),
  ...(notificationOps as unknown as Op[]),
  ...(webhookOps as unknown as Op[]),
  ...(telegramOps as unknown as Op[]),
  ...(chainTxOps as unknown as Op[]),
  ...(stakingOps as unknown as Op[]),
  ...(consoleOps as unknown as Op[]),
  ...(lendingOps as unknown as Op[]),
  ...(newsletterOps as unknown as Op[]),
  ...(brokerOps as unknown as Op[]),
  ...(transferAgentOps as unknown as Op[]),
  ...(privacyOps as unknown as Op[]),
  ...(feedOps as unknown as Op[]),
  ...(referralOps as unknown as Op[]),
  ...(assetOps as unknown as Op[]),
  { tag: 'escrow', method: 'get', path: '/api/admin/escrow', summary: 'Escrowed investments with their 14- and 30-day deadlines', auth: ['tenant_admin'], query: escrowListQuery },
  { tag: 'escrow', method: 'post', path: '/api/admin/escrow/{id}/release', summary: 'Release an escrow to the deal (investor KYC must be approved)', auth: ['tenant_admin'], params: idParam, body: escrowReleaseInput },
  { tag: 'escrow', method: 'post', path: '/api/admin/escrow/{id}/refund', summary: 'Refund an escrow manually with a note', auth: ['tenant_admin'], params: idParam, body: escrowRefundInput },
  { tag: 'escrow', method: 'get', path: '/api/admin/escrow/unmatched', summary: 'Escrows funded on chain that no reservation matched (expired, cancelled, another wallet or amount): refund them manually', auth: ['tenant_admin'] },
  { tag: 'screening', method: 'get', path: '/api/admin/screening-lists', summary: 'Uploaded sanctions and PEP lists', auth: ['tenant_admin'] },
  { tag: 'screening', method: 'post', path: '/api/admin/screening-lists', summary: 'Upload a list (CSV body: name,aliases,date_of_birth,countries)', auth: ['tenant_admin'], query: listUploadQuery, upload: true, status: 201 },
  { tag: 'screening', method: 'get', path: '/api/compliance/screening/hits', summary: 'Screening hits to review', auth: ['compliance_officer', 'tenant_admin'], query: hitListQuery },
  { tag: 'screening', method: 'post', path: '/api/compliance/screening/hits/{id}/decision', summary: 'Clear or confirm a screening hit; confirming revokes the person’s enhanced level, clearing the last one lets it be granted from the evidence', auth: ['compliance_officer', 'tenant_admin'], params: idParam, body: hitDecisionInput },
  { tag: 'screening', method: 'post', path: '/api/compliance/screening/users/{id}/screen', summary: 'Screen a user against the lists now', auth: ['compliance_officer', 'tenant_admin'], params: idParam },
  { tag: 'kyc', method: 'get', path: '/api/admin/kyc-credentials', summary: 'Which KYC providers the tenant stored its own account for (never the secrets)', auth: ['tenant_admin'] },
  { tag: 'kyc', method: 'put', path: '/api/admin/kyc-credentials/{provider}', summary: 'Store the tenant’s own Sumsub ({appToken, secretKey, webhookSecret}) or ShuftiPro ({clientId, secretKey}) credentials, sealed with AES-256-GCM', auth: ['tenant_admin'], params: z.object({ provider: z.enum(['sumsub', 'shuftipro']) }), body: z.record(z.string(), z.unknown()) },
  { tag: 'kyc', method: 'get', path: '/api/admin/kyc-settings', summary: 'The tenant’s KYC provider, Sumsub level names (standard and enhanced) and, per provider, whether it has credentials (source tenant or platform)', auth: ['tenant_admin'], response: kycSettingsResponse },
  { tag: 'kyc', method: 'patch', path: '/api/admin/kyc-settings', summary: 'Choose the KYC provider and the Sumsub level names; only the fields sent change, null clears the enhanced level. Open applications keep their provider', auth: ['tenant_admin'], body: kycSettingsPatch, response: kycSettingsResponse, conflict: 'The chosen provider has no credentials (neither the tenant’s own nor the platform’s): code `kyc_provider_not_configured` with `provider`; nothing is changed' },
  { tag: 'kyc', method: 'post', path: '/api/webhooks/kyc/{provider}', summary: 'Provider webhook (sumsub, shuftipro): signature verified over the raw body', params: z.object({ provider: z.enum(['sumsub', 'shuftipro']) }) },
  { tag: 'escrow', method: 'post', path: '/api/webhooks/blockchain', summary: 'Node provider notification (standard-webhooks headers webhook-id, webhook-timestamp, webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body with BLOCKCHAIN_WEBHOOK_SECRET>; 5-minute tolerance; a replay is 409 webhook_replayed). Body {chainId, fromBlock?, toBlock?, txHashes?}: the indexer then reads those blocks from the chain itself', status: 202 },
];

let cached: OpenApiDocument | undefined;

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: string;
  info: object;
  servers: object[];
  tags: { name: string; description?: string }[];
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, object>; securitySchemes: object; parameters: Record<string, object> };
  paths: Record<string, Record<string, OpenApiOperation>>;
};
export type OpenApiOperation = {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  parameters: object[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { $ref: string } | { description: string; content?: Record<string, { schema: JsonSchema }> }>;
};

const schemaOf = (t: z.ZodType, io: 'input' | 'output' = 'input') => {
  const { $schema: _, ...json } = z.toJSONSchema(t, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return json;
};

// Shared building blocks: a subschema equal to one of these is replaced by a $ref to it.
const SHARED: [string, z.ZodType][] = [
  ['Uuid', z.string().uuid()],
  ['Problem', problem],
  ['FieldError', z.object({ field: z.string(), message: z.string() })],
  ...sharedResponseSchemas,
];
const sharedJson = SHARED.map(([name, t]) => [name, JSON.stringify(schemaOf(t, 'output'))] as const);
const sharedInputJson = SHARED.map(([name, t]) => [name, JSON.stringify(schemaOf(t, 'input'))] as const);

/** Replaces every subschema equal to a shared component by a $ref to it (the root itself too, unless it is that component). */
function hoist(schema: unknown, self?: string): unknown {
  if (Array.isArray(schema)) return schema.map((x) => hoist(x));
  if (!schema || typeof schema !== 'object') return schema;
  const text = JSON.stringify(schema);
  for (const [name, json] of [...sharedJson, ...sharedInputJson]) if (json === text && name !== self) return { $ref: `#/components/schemas/${name}` };
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, hoist(pv)])) : hoist(v)]));
}

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
/** `post /api/deals/{id}/invest` -> `postDealsByIdInvest`: unique because (method, path) is. */
export function operationIdOf(method: string, path: string): string {
  const words = path.replace(/^\/api\//, '').split('/').flatMap((seg) => (seg.startsWith('{') ? ['by', seg.slice(1, -1)] : seg.split(/[^a-zA-Z0-9]+/)));
  return method + words.filter(Boolean).map(cap).join('');
}

function parameters(obj: z.ZodObject | undefined, where: 'query' | 'path') {
  if (!obj) return [];
  const json = schemaOf(obj) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: hoist(schema) }));
}

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
// The error statuses every operation may answer, described once and referenced.
const ERROR_RESPONSES: Record<string, { status: number; description: string }> = {
  BadRequest: { status: 400, description: 'Invalid input; `errors` names each failing field' },
  Unauthorized: { status: 401, description: 'Not signed in or token expired' },
  Forbidden: { status: 403, description: 'Missing role or CSRF token, or a feature this community has turned off (`feature_disabled`)' },
  NotFound: { status: 404, description: 'Unknown tenant host or resource' },
  Conflict: { status: 409, description: 'The resource is not in a state that allows this; `code` names the conflict' },
  Gone: { status: 410, description: 'No longer available' },
  PayloadTooLarge: { status: 413, description: 'The body exceeds the size limit' },
  UnsupportedMediaType: { status: 415, description: 'The body has a media type this operation does not take' },
  Unprocessable: { status: 422, description: 'The request is well-formed but refused by a rule; `code` names it' },
  TooManyRequests: { status: 429, description: 'Rate limited; see Retry-After' },
  BadGateway: { status: 502, description: 'An upstream provider answered with an error' },
  ServiceUnavailable: { status: 503, description: 'The tenant is suspended (`tenant_suspended`) or not open yet (`tenant_provisioning`), or a dependency (database, chain, provider, storage) is unavailable or not configured' },
};
const errorRef = Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([name, r]) => [r.status, { $ref: `#/components/responses/${name}` }]));

const TAGS: Record<string, string> = {
  health: 'Liveness, readiness, platform health and this API description',
  auth: 'Registration, log-in, sessions, MFA and passwords',
  profile: 'The caller’s profile, wallets and verification',
  investor: 'The investor’s portfolio, documents and investments',
  deals: 'Browsing deals and investing',
  issuer: 'Issuer profile, deals and documents',
  admin: 'Tenant administration',
  'deal content': 'Documents, media, updates, FAQs, key terms, reviews, comments and deal groups',
  kyc: 'Identity verification (KYC) and its providers',
  compliance: 'Securities-law compliance: declarations, accreditation, reports and filings',
  wallet: 'Linking wallets with Sign-In with Ethereum',
  escrow: 'Escrowed investments and chain notifications',
  screening: 'Sanctions and PEP screening',
  groups: 'Investment groups: discovering, applying, membership and pre-commitments',
  'issuer groups': 'An issuer’s own investment group: settings, applications, members and invitations',
  notifications: 'In-app notifications, live stream, preferences and unsubscribe',
  webhooks: 'Outgoing webhooks to a tenant’s own systems',
  telegram: 'Telegram notifications: the tenant’s bot, linking a member’s chat, the bot’s webhook',
  staking: 'Staking pools on chain',
  console: 'The platform operator’s console (its own host): sign-in with MFA, tenants, suspension, audit',
  lending: 'Lending pools on chain',
  newsletter: 'Newsletters: subscribers with double opt-in, campaigns, click tracking',
  brokers: 'Brokers: profiles and commission settings, clients by invitation, attributed investments and commission statements',
  'transfer agents': 'Transfer agents: the official holder register per deal, corporate actions, holder statements and exports reconciled with the chain',
  privacy: 'A member’s copy of their data and erasure (GDPR)',
  'social feed': 'The community feed: posts, comments, likes, shares, follows, blocks and moderation',
  referrals: 'Referral links, sign-up attribution and rewards',
  assets: 'Asset tokenization: applications, review, permissioned tokens, updates and holdings',
};

/** A schema with a component `$ref` replaced by the component it names (one level). */
export function derefSchema(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  const ref = schema?.$ref;
  return typeof ref === 'string' && ref.startsWith('#/components/schemas/') ? doc.components.schemas[ref.slice('#/components/schemas/'.length)] : schema;
}

export function openApiDocument(): OpenApiDocument {
  if (cached) return cached;
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  const schemas: Record<string, JsonSchema> = {};
  const usedErrorResponses = new Set<string>();
  const component = (name: string, json: JsonSchema) => {
    if (schemas[name]) throw new Error(`OpenAPI component ${name} defined twice`);
    // zod writes a recursive schema's parts as local $defs ("#/$defs/x", "#" for itself); as
    // components they become their own entries, so every $ref resolves from the document's root.
    const { $defs, ...root } = json as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const defName = (d: string) => `${name}${cap(d.replace(/^_+/, ''))}`;
    const rewrite = (x: unknown): unknown =>
      Array.isArray(x)
        ? x.map(rewrite)
        : x && typeof x === 'object'
          ? Object.fromEntries(
              Object.entries(x).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') && !v.startsWith('#/components/') ? (v === '#' ? `#/components/schemas/${name}` : `#/components/schemas/${defName(v.slice('#/$defs/'.length))}`) : rewrite(v)]),
            )
          : x;
    for (const [d, def] of Object.entries($defs ?? {})) schemas[defName(d)] = rewrite(def) as JsonSchema;
    schemas[name] = rewrite(root) as JsonSchema;
    return { $ref: `#/components/schemas/${name}` };
  };
  for (const [name, t] of SHARED) component(name, hoist(schemaOf(t, 'output'), name) as JsonSchema);
  for (const op of ops) {
    const operationId = operationIdOf(op.method, op.path);
    const roles = Array.isArray(op.auth) ? ` Roles: ${op.auth.join(', ')}.` : '';
    const doc = responseDocOf(op.method, op.path);
    const responses: OpenApiOperation['responses'] = {};
    // What the handler's type says (responses.ts) comes first; a module's own `response` covers the rest.
    const success = Object.keys(doc.success).length ? doc.success : { [op.status ?? 200]: op.response ? { schema: op.response } : {} };
    for (const [status, s] of Object.entries(success)) {
      const suffix = Object.keys(success).length > 1 ? status : '';
      responses[status] = {
        description: s.description ?? (Number(status) === 204 ? 'Done; no content' : 'Success'),
        ...(s.schema ? { content: { 'application/json': { schema: component(`${cap(operationId)}Response${suffix}`, hoist(schemaOf(s.schema, 'output')) as JsonSchema) } } } : {}),
        ...(s.mediaType ? { content: Object.fromEntries((s.mediaType === 'application/octet-stream' ? FILE_MEDIA_TYPES : [s.mediaType]).map((t) => [t, { schema: { type: 'string', ...(t.startsWith('text/') ? {} : { format: 'binary' }) } }])) } : {}),
      };
    }
    const errors = new Set<number>([400, 403, 404, 429, 503, ...(op.auth || op.gated ? [401] : []), ...(op.body || op.upload ? [413, 415] : []), ...(op.conflict ? [409] : []), ...doc.errors]);
    for (const status of [...errors].sort()) {
      responses[status] = errorRef[status]!;
      usedErrorResponses.add(errorRef[status]!.$ref.split('/').pop()!);
    }
    if (op.gated) {
      responses[401] = { description: `Sign in: ${op.gated}`, content: problemContent };
      responses[403] = { description: op.gated, content: problemContent };
    }
    if (op.forbidden) responses[403] = { description: op.forbidden, content: problemContent };
    if (op.conflict) responses[409] = { description: op.conflict, content: problemContent };
    (paths[op.path] ??= {})[op.method] = {
      operationId,
      tags: [op.tag],
      summary: op.summary,
      description: `${op.summary}.${roles} Errors are application/problem+json with a stable \`code\`.`,
      ...(op.auth ? { security: [{ bearer: [] }, { cookie: [] }] } : { security: [] }),
      parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: component(`${cap(operationId)}Body`, hoist(schemaOf(op.body)) as JsonSchema) } } } } : {}),
      ...(op.upload ? { requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } } : {}),
      responses,
    };
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Community Deals Platform API',
      version: '0.1.0',
      description: 'Every request is served for the tenant named by its Host header. Errors are application/problem+json (RFC 9457) with a stable `code`.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '{origin}', description: 'The tenant’s own host: the Host header picks the tenant', variables: { origin: { default: 'http://localhost:3000', description: 'scheme, tenant host and port' } } }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    components: {
      schemas,
      // Only the error responses some operation refers to (an unused component is lint noise).
      responses: Object.fromEntries(Object.entries(ERROR_RESPONSES).filter(([name]) => usedErrorResponses.has(name)).map(([name, r]) => [name, { description: r.description, content: problemContent }])),
      parameters: {},
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, cookie: { type: 'apiKey', in: 'cookie', name: 'cdp_at' } },
    },
    paths,
  };
  return cached;
}
