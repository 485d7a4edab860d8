import type { ZodType } from 'zod';
import type { RequestMeta } from '../../audit/service';
import { csrfTokenFor } from '../../auth/csrf-token';
import { getConfig } from '../../config';
import { NotFound, Unauthorized } from '../../errors';
import { CSRF_COOKIE, readCookie, type CookieSpec } from '../../http/cookies';
import { problemResponse } from '../../http/problem';
import { requestMeta } from '../../http/request-meta';
import { checkCsrf, hostOf, toResponse } from '../../http/route';
import { readJsonBody, DEFAULT_MAX_BODY_BYTES } from '../../http/body';
import { parseWith, refuseMalformedText } from '../../http/validation';
import { log } from '../../log';
import { isConsoleHost } from '../../tenancy/resolve';
import { authenticateConsole, type ConsoleAdmin } from './sign-in';

/** The console session cookie: httpOnly, on the console's host only (no Domain attribute). */
export const CONSOLE_COOKIE = 'cdp_console';

export function consoleSessionCookies(token: string, sessionId: string, maxAgeSeconds: number): CookieSpec[] {
  return [
    { name: CONSOLE_COOKIE, value: token, maxAgeSeconds, httpOnly: true },
    { name: CSRF_COOKIE, value: csrfTokenFor(sessionId), maxAgeSeconds, httpOnly: false },
  ];
}

export function clearedConsoleCookies(): CookieSpec[] {
  return [
    { name: CONSOLE_COOKIE, value: '', maxAgeSeconds: 0, httpOnly: true },
    { name: CSRF_COOKIE, value: '', maxAgeSeconds: 0, httpOnly: false },
  ];
}

type Spec<B, Q> = { auth?: 'public' | 'admin'; body?: ZodType<B>; query?: ZodType<Q> };
type Ctx<B, Q, A> = { req: Request; admin: A extends 'public' ? null : ConsoleAdmin; body: B; query: Q; params: Record<string, string>; meta: RequestMeta };

/**
 * The route wrapper of the operator console's API (/api/platform/**): the console's host only
 * (any tenant host answers 404), a signed-in platform admin unless public, the CSRF rule of
 * every other route, input validation and the one error mapper.
 */
export function consoleRoute<B = undefined, Q = undefined, A extends 'public' | 'admin' = 'admin'>(spec: Spec<B, Q> & { auth?: A }, handler: (ctx: Ctx<B, Q, A>) => Promise<unknown>) {
  return async (req: Request, routeCtx?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const config = getConfig();
    const meta = requestMeta(req, config);
    const requestId = meta.requestId!;
    const started = performance.now();
    const finish = (res: Response): Response => {
      log.info({ requestId, console: true, method: req.method, path: new URL(req.url).pathname, status: res.status, ms: Math.round(performance.now() - started) }, 'request');
      return res;
    };
    try {
      const host = hostOf(req, config);
      if (!isConsoleHost(host)) throw new NotFound('There is no operator console on this host', 'not_found');
      const token = readCookie(req, CONSOLE_COOKIE);
      const admin = token ? await authenticateConsole(token) : null;
      if ((spec.auth ?? 'admin') === 'admin' && !admin) throw new Unauthorized('Sign in to the operator console', 'unauthorized');
      checkCsrf(req, admin?.sessionId ?? null, host);
      const rawParams = (await routeCtx?.params) ?? {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
      const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
      refuseMalformedText(rawQuery);
      refuseMalformedText(params);
      const query = spec.query ? parseWith(spec.query, rawQuery) : (undefined as Q);
      const body = spec.body ? parseWith(spec.body, await readJsonBody(req, DEFAULT_MAX_BODY_BYTES)) : (undefined as B);
      const out = await handler({ req, admin: admin as Ctx<B, Q, A>['admin'], body, query, params, meta });
      return finish(toResponse(out, requestId, config.APP_ENV === 'production'));
    } catch (err) {
      return finish(problemResponse(err, requestId));
    }
  };
}
