import { ZodError } from 'zod';
import { AppError, ValidationError } from '../errors';
import { log } from '../log';
import { fieldErrors } from './validation';

/** The one mapper from thrown errors to application/problem+json (RFC 9457). */
export function problemResponse(err: unknown, requestId: string, headers: HeadersInit = {}): Response {
  const e = err instanceof ZodError ? new ValidationError(fieldErrors(err)) : err;
  const h = new Headers(headers);
  h.set('content-type', 'application/problem+json');
  h.set('x-request-id', requestId);
  if (e instanceof AppError) {
    if (e.status === 429 && typeof e.extra.retryAfter === 'number') h.set('retry-after', String(e.extra.retryAfter));
    const body = { type: `about:blank`, title: e.message, status: e.status, code: e.code, detail: e.message, requestId, ...e.extra };
    return new Response(JSON.stringify(body), { status: e.status, headers: h });
  }
  log.error({ err, requestId }, 'unhandled error');
  const body = { type: 'about:blank', title: 'Internal error', status: 500, code: 'internal_error', detail: 'Something went wrong on our side; it has been logged.', requestId };
  return new Response(JSON.stringify(body), { status: 500, headers: h });
}
