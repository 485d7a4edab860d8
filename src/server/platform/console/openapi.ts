import { consoleAuditQuery, consoleCodeInput, consoleSignInInput, suspendInput, tenantIdParams } from './schema';

// The operator console's routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
// They answer on the console's host only (PLATFORM_HOST, default admin.<base domain>); every
// tenant host answers 404. The session is the httpOnly cdp_console cookie, not a tenant token.
const HOST = 'On the console host only (PLATFORM_HOST); any tenant host answers 404';

export const consoleOps = [
  { tag: 'console', method: 'post', path: '/api/platform/auth/login', summary: `Platform admin sign-in, step 1: email and password; answers a five-minute token for the TOTP step (no session without the second factor). ${HOST}`, body: consoleSignInInput },
  { tag: 'console', method: 'post', path: '/api/platform/auth/mfa', summary: 'Platform admin sign-in, step 2: the step-1 token and the authenticator code; sets the console session cookie (30 minutes idle, 8 hours at most) and the CSRF cookie', body: consoleCodeInput },
  { tag: 'console', method: 'post', path: '/api/platform/auth/logout', summary: 'End the console session', auth: 'user' },
  { tag: 'console', method: 'get', path: '/api/platform/auth/me', summary: 'The signed-in platform admin', auth: 'user' },
  { tag: 'console', method: 'get', path: '/api/platform/tenants', summary: 'Every tenant with status, plan, members, deals and money raised', auth: 'user' },
  { tag: 'console', method: 'get', path: '/api/platform/tenants/{id}', summary: 'One tenant: features, chains, health (queued and failed mail, chain transactions, indexer lag per chain) and its console audit trail', auth: 'user', params: tenantIdParams },
  { tag: 'console', method: 'post', path: '/api/platform/tenants/{id}/suspend', summary: 'Suspend a tenant with a reason: its hosts answer 503 (pages and API), nothing is deleted (audited)', auth: 'user', params: tenantIdParams, body: suspendInput, conflict: '`tenant_not_active`' },
  { tag: 'console', method: 'post', path: '/api/platform/tenants/{id}/resume', summary: 'Resume a suspended tenant (audited)', auth: 'user', params: tenantIdParams, conflict: '`tenant_not_suspended`' },
  { tag: 'console', method: 'get', path: '/api/platform/audit-logs', summary: 'The console’s audit trail (sign-ins, suspensions, provisioning), newest first', auth: 'user', query: consoleAuditQuery },
] as const;
