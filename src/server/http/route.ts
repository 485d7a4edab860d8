import type { ZodType } from 'zod';
import { auditStandalone, type RequestMeta } from '../audit/service';
import { requireRole } from '../auth/authorize';
import { authenticate, type AuthFailure, type Principal } from '../auth/principal';
import { getConfig, type Config } from '../config';
import type { Role } from '../db/types';
import { Forbidden, NotFound, TenantUnavailable, Unauthorized } from '../errors';
import { log } from '../log';
import { requestLimit, type LimitClass } from '../ratelimit/policy';
import { spendRequestBudget } from '../ratelimit/request-budget';
import { requireFeature, type FeatureName } from '../tenancy/features';
import { resolveTenant, type TenantContext } from '../tenancy/resolve';
import { readJsonBody, DEFAULT_MAX_BODY_BYTES } from './body';
import { ACCESS_COOKIE, CSRF_COOKIE, readCookie, serializeCookie, type CookieSpec } from './cookies';
import { problemResponse } from './problem';
import { requestMeta } from './request-meta';
import { parseWith, refuseMalformedText } from './validation';
import { safeEqual } from '../auth/secret-token';
import { isCsrfTokenOf } from '../auth/csrf-token';

type AuthMode = 'public' | 'optional' | 'user';

export type RouteSpec<B, Q> = {
  auth?: AuthMode;
  /** A tenant feature the route belongs to: while the tenant has it off, 403 feature_disabled. */
  feature?: FeatureName;
  roles?: readonly Role[];
  limit?: LimitClass;
  body?: ZodType<B>;
  query?: ZodType<Q>;
  maxBodyBytes?: number;
};

export type RouteContext<B, Q, A extends AuthMode, R = undefined> = {
  req: Request;
  tenant: TenantContext;
  // Signed in when the route demands it (auth: 'user' or any roles).
  principal: A extends 'user' ? Principal : R extends readonly Role[] ? Principal : Principal | null;
  body: B;
  query: Q;
  params: Record<string, string>;
  meta: RequestMeta;
  config: Config;
};

export type JsonInit = { status?: number; cookies?: CookieSpec[]; headers?: Record<string, string> };

/** A JSON response with optional cookies; what handlers return when plain data is not enough. */
export class JsonResult {
  constructor(readonly data: unknown, readonly init: JsonInit = {}) {}
}
export const json = (data: unknown, init?: JsonInit) => new JsonResult(data, init);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(req: Request): string | null {
  const h = req.headers.get('authorization');
  if (!h) return null;
  const m = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)$/i.exec(h.trim());
  return m ? m[1]! : '';
}

export function hostOf(req: Request, config: Config): string | null {
  return (config.TRUST_PROXY && req.headers.get('x-forwarded-host')) || req.headers.get('host');
}

/**
 * Cookie-authenticated writes must echo the CSRF cookie in X-CSRF-Token (double submit,
 * the token derived from the session);
 * unauthenticated writes (login, register) must not come from another origin.
 */
export function checkCsrf(req: Request, cookieSession: string | null, host: string | null): void {
  if (SAFE_METHODS.has(req.method)) return;
  if (cookieSession) {
    // The cookie must be echoed in the header, and both must be the token of this very
    // session: a pair planted from another session (or made up) authorises nothing.
    const cookie = readCookie(req, CSRF_COOKIE);
    const header = req.headers.get('x-csrf-token');
    if (!cookie || !header || !safeEqual(cookie, header) || !isCsrfTokenOf(cookieSession, header))
      throw new Forbidden('Missing or wrong CSRF token (send the cdp_csrf cookie value in X-CSRF-Token)', 'csrf_failed');
    return;
  }
  const origin = req.headers.get('origin');
  if (origin && origin !== 'null') {
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      /* unparsable origin: treated as foreign */
    }
    if (!host || originHost !== host) throw new Forbidden('Cross-origin request refused', 'csrf_failed');
  }
}

function defaultLimit(spec: { auth?: AuthMode; roles?: readonly Role[] }, principal: Principal | null): LimitClass {
  if (!principal) return 'public';
  if (spec.roles?.some((r) => r === 'tenant_admin' || r === 'compliance_officer')) return 'admin';
  return 'authenticated';
}

export function toResponse(out: unknown, requestId: string, secure: boolean): Response {
  if (out instanceof Response) return out;
  const result = out instanceof JsonResult ? out : new JsonResult(out);
  const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': requestId, ...result.init.headers });
  for (const c of result.init.cookies ?? []) headers.append('set-cookie', serializeCookie(c, secure));
  const status = result.init.status ?? 200;
  return new Response(status === 204 ? null : JSON.stringify(result.data), { status, headers });
}

function consumeRequestBudget(spec: { auth?: AuthMode; roles?: readonly Role[]; limit?: LimitClass }, tenant: TenantContext, principal: Principal | null, meta: RequestMeta): void | Promise<void> {
  const limit = requestLimit(spec.limit ?? defaultLimit(spec, principal), tenant.settings);
  if (limit) return spendRequestBudget(limit, `${tenant.id}:${principal ? `u:${principal.userId}` : `ip:${meta.ip ?? 'unknown'}`}`);
}

/**
 * The one wrapper for every API route: tenant from Host -> authenticate -> rate limit ->
 * CSRF -> authorize -> validate -> handler -> response, with one error mapper.
 */
export function route<B = undefined, Q = undefined, A extends AuthMode = 'public', R extends readonly Role[] | undefined = undefined>(
  spec: RouteSpec<B, Q> & { auth?: A; roles?: R },
  handler: (ctx: RouteContext<B, Q, A, R>) => Promise<unknown>,
) {
  return async (req: Request, routeCtx?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const config = getConfig();
    const meta = requestMeta(req, config);
    const requestId = meta.requestId!;
    const started = performance.now();
    let tenantId: string | undefined;
    const finish = (res: Response): Response => {
      // One structured line per request: no bodies, no headers, so no secrets.
      log.info({ requestId, tenantId, method: req.method, path: new URL(req.url).pathname, status: res.status, ms: Math.round(performance.now() - started) }, 'request');
      return res;
    };
    try {
      const host = hostOf(req, config);
      const tenant = await resolveTenant(host, config.PLATFORM_BASE_DOMAIN);
      if (!tenant) throw new NotFound('No platform is configured for this host name', 'tenant_not_found');
      tenantId = tenant.id;
      if (tenant.status !== 'active') throw new TenantUnavailable(tenant.suspendedReason, tenant.status);
      if (spec.feature) requireFeature(tenant, spec.feature);

      const auth: AuthMode = spec.roles ? 'user' : (spec.auth ?? 'public');
      const bearer = bearerToken(req);
      const cookieToken = bearer === null ? readCookie(req, ACCESS_COOKIE) : null;
      const token = bearer ?? cookieToken;
      let principal: Principal | null = null;
      let failure: AuthFailure | null = null;
      if (token) {
        const r = await authenticate(tenant.id, token);
        if (typeof r === 'string') failure = r;
        else principal = r;
      }
      // The request spends from its budget before anything can fail or be written: a bad
      // token is no way around the limit, nor a way to flood the audit log.
      await consumeRequestBudget(spec, tenant, principal, meta);
      if (failure === 'other_tenant')
        await auditStandalone(tenant.id, { actorId: null, action: 'security.cross_tenant_token', outcome: 'denied', metadata: { path: new URL(req.url).pathname } }, meta);
      if (failure && (auth === 'user' || bearer !== null))
        throw new Unauthorized(failure === 'expired' ? 'The access token has expired; refresh it' : 'The access token is not valid here', failure === 'expired' ? 'token_expired' : 'invalid_token');
      if (auth === 'user' && !principal) throw new Unauthorized();

      checkCsrf(req, principal !== null && cookieToken !== null ? principal.sessionId : null, host);

      if (spec.roles && principal) {
        try {
          requireRole(principal, spec.roles);
        } catch (e) {
          await auditStandalone(tenant.id, { actorId: principal.userId, actorRole: principal.role, action: 'security.role_denied', outcome: 'denied', metadata: { path: new URL(req.url).pathname, needs: spec.roles } }, meta);
          throw e;
        }
      }

      const url = new URL(req.url);
      const rawQuery = Object.fromEntries(url.searchParams);
      const rawParams = (await routeCtx?.params) ?? {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
      // Handlers may read the query string or a path segment themselves: both are checked here.
      refuseMalformedText(rawQuery);
      refuseMalformedText(params);
      const query = spec.query ? parseWith(spec.query, rawQuery) : (undefined as Q);
      const body = spec.body ? parseWith(spec.body, await readJsonBody(req, spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)) : (undefined as B);

      const out = await handler({ req, tenant, principal: principal as RouteContext<B, Q, A, R>['principal'], body, query, params, meta, config });
      return finish(toResponse(out, requestId, config.APP_ENV === 'production'));
    } catch (err) {
      return finish(problemResponse(err, requestId));
    }
  };
}

