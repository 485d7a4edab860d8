import { fieldMessage } from './field-messages';

// Browser calls to our own API: same-origin cookies, the CSRF double-submit header on
// writes, and one silent refresh-and-retry when the short-lived access token has expired.

export type Problem = { status: number; code: string; detail: string; errors?: { field: string; message: string }[] };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  /** The message for one field, when the API named it, in the words of the form's label. */
  field(name: string): string | undefined {
    const found = this.problem.errors?.find((e) => e.field === name);
    return found && fieldMessage(found.field, found.message);
  }
}

function csrfToken(): string | null {
  const m = /(?:^|;\s*)cdp_csrf=([^;]*)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : null;
}

async function send(path: string, init: RequestInit & { json?: unknown }): Promise<Response> {
  const headers = new Headers(init.headers);
  const method = (init.method ?? 'GET').toUpperCase();
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = csrfToken();
    if (csrf) headers.set('x-csrf-token', csrf);
  }
  headers.set('accept', 'application/json');
  return fetch(path, { ...init, method, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body, credentials: 'same-origin' });
}

let refreshing: Promise<boolean> | null = null;

/** POST /api/auth/refresh with the httpOnly refresh cookie; concurrent callers share one attempt. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= send('/api/auth/refresh', { method: 'POST', json: {} })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function toProblem(r: Response): Promise<Problem> {
  try {
    const body = (await r.json()) as Partial<Problem>;
    return { status: r.status, code: body.code ?? 'error', detail: body.detail ?? r.statusText, errors: body.errors };
  } catch {
    return { status: r.status, code: 'error', detail: r.status >= 500 ? 'Something went wrong on our side. Try again in a moment.' : r.statusText };
  }
}

/** JSON from our API, or an ApiError carrying the problem details (`detail`, field errors). */
export async function api<T = unknown>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  let r: Response;
  try {
    r = await send(path, init);
    if (r.status === 401) {
      const problem = await toProblem(r.clone());
      if (problem.code === 'token_expired' && (await refreshSession())) r = await send(path, init);
    }
  } catch {
    throw new ApiError({ status: 0, code: 'network_error', detail: 'Could not reach the server. Check your connection and try again.' });
  }
  if (!r.ok) throw new ApiError(await toProblem(r));
  if (r.status === 204) return undefined as T;
  return (await r.json()) as T;
}

/** A message for any error thrown by api(). */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    const first = e.problem.errors?.[0];
    return e.problem.code === 'validation_failed' && first ? fieldMessage(first.field, first.message) : e.problem.detail;
  }
  return 'Something went wrong. Try again.';
}
