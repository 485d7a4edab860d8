import { z } from 'zod';
import * as authSchema from '../auth/schema';
import { createDealInput, dealTransitionInput, listDealsQuery, updateDealInput } from '../deals/schema';
import { createIssuerInput, issuerReviewInput } from '../issuers/schema';
import { investInput } from '../investments/schema';
import { listUsersQuery, roleChangeInput, userStatusInput } from '../users/schema';

// OpenAPI 3.1 from the same zod schemas the routes validate with, so the contract cannot drift.
// zod 4 writes JSON Schema 2020-12, which is OpenAPI 3.1's schema dialect.
const problem = z.object({ type: z.string(), title: z.string(), status: z.number(), code: z.string(), detail: z.string(), requestId: z.string(), errors: z.array(z.object({ field: z.string(), message: z.string() })).optional() });
const health = z.object({ status: z.enum(['healthy', 'degraded', 'unhealthy']), database: z.enum(['connected', 'disconnected']), blockchain: z.enum(['connected', 'disconnected', 'not_configured']), services: z.object({ kyc: z.string(), email: z.string(), ipfs: z.string() }) });
const investResponse = z.object({ success: z.boolean(), investment: z.object({ id: z.string().uuid(), transactionHash: z.string().nullable() }) });
const dealsResponse = z.object({ deals: z.array(z.object({ id: z.string(), slug: z.string(), title: z.string(), status: z.string(), assetType: z.string(), currency: z.string(), targetAmount: z.string(), hardCap: z.string(), progress: z.object({ raised: z.string(), investors: z.number(), percent: z.string() }) }).passthrough()), total: z.number(), hasMore: z.boolean() });
const ok = z.object({ success: z.boolean() }).passthrough();
const idParam = z.object({ id: z.string().uuid() });

type Op = { method: 'get' | 'post' | 'patch' | 'put' | 'delete'; path: string; summary: string; auth?: 'user' | string[]; body?: z.ZodType; query?: z.ZodObject; params?: z.ZodObject; response?: z.ZodType; status?: number; tag: string };

const ops: Op[] = [
  { tag: 'health', method: 'get', path: '/api/health', summary: 'Platform health from real checks', response: health },
  { tag: 'auth', method: 'post', path: '/api/auth/register', summary: 'Register an investor account', body: authSchema.registerInput, response: authSchema.registerResponse, status: 201 },
  { tag: 'auth', method: 'post', path: '/api/auth/login', summary: 'Log in (sets httpOnly cookies); MFA users get {mfaRequired, mfaToken}', body: authSchema.loginInput, response: authSchema.loginResponse },
  { tag: 'auth', method: 'post', path: '/api/auth/mfa/verify', summary: 'Second login step with a TOTP or recovery code', body: authSchema.mfaChallengeInput, response: authSchema.loginResponse },
  { tag: 'auth', method: 'post', path: '/api/auth/refresh', summary: 'Rotate the refresh token (cookie or body); reuse closes the session', body: z.object({ refreshToken: z.string().optional() }) },
  { tag: 'auth', method: 'post', path: '/api/auth/logout', summary: 'End this session', auth: 'user', response: ok },
  { tag: 'auth', method: 'post', path: '/api/auth/logout-all', summary: 'End every session', auth: 'user', response: ok },
  { tag: 'auth', method: 'get', path: '/api/auth/sessions', summary: 'List own sessions', auth: 'user' },
  { tag: 'auth', method: 'delete', path: '/api/auth/sessions/{id}', summary: 'Revoke one own session', auth: 'user', params: idParam, response: ok },
  { tag: 'auth', method: 'post', path: '/api/auth/verify-email', summary: 'Confirm the email with the mailed code', auth: 'user', body: authSchema.codeInput },
  { tag: 'auth', method: 'post', path: '/api/auth/password/forgot', summary: 'Mail a reset code (same answer for unknown emails)', body: authSchema.forgotPasswordInput, response: ok },
  { tag: 'auth', method: 'post', path: '/api/auth/password/reset', summary: 'Reset with the mailed code', body: authSchema.resetPasswordInput, response: ok },
  { tag: 'auth', method: 'post', path: '/api/auth/password/change', summary: 'Change the password', auth: 'user', body: authSchema.changePasswordInput, response: ok },
  { tag: 'auth', method: 'post', path: '/api/auth/mfa/setup', summary: 'Start TOTP set-up', auth: 'user' },
  { tag: 'auth', method: 'post', path: '/api/auth/mfa/enable', summary: 'Confirm TOTP; returns recovery codes once', auth: 'user', body: authSchema.mfaCodeInput },
  { tag: 'auth', method: 'post', path: '/api/auth/mfa/disable', summary: 'Turn TOTP off', auth: 'user', body: authSchema.mfaCodeInput },
  { tag: 'profile', method: 'get', path: '/api/profile', summary: 'The caller’s profile', auth: 'user' },
  { tag: 'profile', method: 'patch', path: '/api/profile', summary: 'Update the caller’s profile', auth: 'user', body: authSchema.profilePatchInput },
  { tag: 'deals', method: 'get', path: '/api/deals', summary: 'List published deals (search, filters, paging)', query: listDealsQuery, response: dealsResponse },
  { tag: 'deals', method: 'get', path: '/api/deals/featured', summary: 'Featured deals', query: listDealsQuery.omit({ featured: true }), response: dealsResponse },
  { tag: 'deals', method: 'get', path: '/api/deals/{id}', summary: 'One deal by id or slug', params: z.object({ id: z.string() }) },
  { tag: 'deals', method: 'post', path: '/api/deals/{id}/invest', summary: 'Invest (Idempotency-Key header supported)', auth: 'user', params: idParam, body: investInput, response: investResponse, status: 201 },
  { tag: 'deals', method: 'post', path: '/api/deals/{id}/transitions', summary: 'Move a deal through its workflow (issuer or tenant admin)', auth: ['issuer', 'tenant_admin'], params: idParam, body: dealTransitionInput },
  { tag: 'investor', method: 'get', path: '/api/investor/portfolio', summary: 'Positions, totals per currency, history', auth: 'user' },
  { tag: 'investor', method: 'post', path: '/api/investments/{id}/cancel', summary: 'Cancel an own pending investment', auth: 'user', params: idParam },
  { tag: 'issuer', method: 'get', path: '/api/issuer/profile', summary: 'Own issuer profile', auth: ['issuer'] },
  { tag: 'issuer', method: 'post', path: '/api/issuer/profile', summary: 'Create the issuer profile with its legal entity', auth: ['issuer'], body: createIssuerInput, status: 201 },
  { tag: 'issuer', method: 'get', path: '/api/issuer/deals', summary: 'Own deals in every status', auth: ['issuer'], query: listDealsQuery, response: dealsResponse },
  { tag: 'issuer', method: 'post', path: '/api/issuer/deals', summary: 'Create a draft deal', auth: ['issuer'], body: createDealInput, status: 201 },
  { tag: 'issuer', method: 'patch', path: '/api/issuer/deals/{id}', summary: 'Edit an own draft deal', auth: ['issuer'], params: idParam, body: updateDealInput },
  { tag: 'admin', method: 'get', path: '/api/admin/users', summary: 'Users of the tenant', auth: ['tenant_admin'], query: listUsersQuery },
  { tag: 'admin', method: 'post', path: '/api/admin/users/{id}/roles', summary: 'Grant or revoke a role', auth: ['tenant_admin'], params: idParam, body: roleChangeInput, response: ok },
  { tag: 'admin', method: 'post', path: '/api/admin/users/{id}/status', summary: 'Disable or re-enable a user', auth: ['tenant_admin'], params: idParam, body: userStatusInput, response: ok },
  { tag: 'admin', method: 'get', path: '/api/admin/issuers', summary: 'Issuers to review', auth: ['tenant_admin'] },
  { tag: 'admin', method: 'post', path: '/api/admin/issuers/{id}/review', summary: 'Verify, reject or suspend an issuer', auth: ['tenant_admin'], params: idParam, body: issuerReviewInput },
  { tag: 'admin', method: 'get', path: '/api/admin/audit-logs', summary: 'Audit trail', auth: ['tenant_admin', 'compliance_officer'] },
];

let cached: object | undefined;

const schemaOf = (t: z.ZodType) => z.toJSONSchema(t, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

function parameters(obj: z.ZodObject | undefined, where: 'query' | 'path') {
  if (!obj) return [];
  const json = schemaOf(obj) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema }));
}

const problemJson = { 'application/problem+json': { schema: schemaOf(problem) } };

export function openApiDocument(): object {
  if (cached) return cached;
  const paths: Record<string, Record<string, object>> = {};
  for (const op of ops) {
    const roles = Array.isArray(op.auth) ? ` Roles: ${op.auth.join(', ')}.` : '';
    (paths[op.path] ??= {})[op.method] = {
      tags: [op.tag],
      summary: op.summary,
      description: `${op.summary}.${roles} Errors are application/problem+json with a stable \`code\`.`,
      security: op.auth ? [{ bearer: [] }, { cookie: [] }] : [],
      parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(op.body) } } } } : {}),
      responses: {
        [op.status ?? 200]: { description: 'Success', ...(op.response ? { content: { 'application/json': { schema: schemaOf(op.response) } } } : {}) },
        400: { description: 'Invalid input; `errors` names each failing field', content: problemJson },
        ...(op.auth ? { 401: { description: 'Not signed in or token expired', content: problemJson }, 403: { description: 'Missing role or CSRF token', content: problemJson } } : {}),
        404: { description: 'Unknown tenant host or resource', content: problemJson },
        429: { description: 'Rate limited; see Retry-After', content: problemJson },
      },
    };
  }
  cached = {
    openapi: '3.1.0',
    info: { title: 'Community Deals Platform API', version: '0.1.0', description: 'Every request is served for the tenant named by its Host header.' },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, cookie: { type: 'apiKey', in: 'cookie', name: 'cdp_at' } },
    },
    paths,
  };
  return cached;
}
