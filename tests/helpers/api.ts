import { randomBytes } from 'node:crypto';
import { operationOf } from './api-routes';
import { nonConformance } from './openapi-conformance';
import { announcePeerAddressStamping, PEER_ADDRESS_HEADER } from '../../src/server/http/client-address';

// The harness plays the platform's web server (scripts/serve.ts): it stamps each request's
// peer address (`ip`, or a random one), so route handlers believe that header.
announcePeerAddressStamping();

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

export type CallOptions = {
  host: string;
  path?: string;
  method?: string;
  body?: unknown;
  /** Sent as is: a string, or file bytes for uploads (set the content-type in headers). */
  rawBody?: string | Uint8Array;
  token?: string;
  cookies?: Record<string, string>;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  ip?: string;
};

export type CallResult = { status: number; json: any; headers: Headers; cookies: Record<string, string> };

/**
 * Calls a route handler exactly as Next.js does: a web Request carrying the Host header
 * (which picks the tenant), cookies and a body.
 */
export async function call(handler: Handler, o: CallOptions): Promise<CallResult> {
  const headers = new Headers({ host: o.host, [PEER_ADDRESS_HEADER]: o.ip ?? `10.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`, ...o.headers });
  if (o.token) headers.set('authorization', `Bearer ${o.token}`);
  if (o.cookies) headers.set('cookie', Object.entries(o.cookies).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '));
  let body: string | Uint8Array | undefined;
  if (o.rawBody !== undefined) body = o.rawBody;
  else if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const method = o.method ?? (body === undefined ? 'GET' : 'POST');
  const req = new Request(`http://${o.host}${o.path ?? '/api/test'}`, { method, headers, body: body as BodyInit | undefined });
  const res = await handler(req, { params: Promise.resolve(o.params ?? {}) });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  const cookies: Record<string, string> = {};
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = pair!.indexOf('=');
    cookies[pair!.slice(0, eq)] = decodeURIComponent(pair!.slice(eq + 1));
  }
  // Every answer must be one the OpenAPI document promises for this operation (status, media type, schema).
  const op = await operationOf(handler);
  if (!op) throw new Error('call(): the handler is not an exported method of a route file under src/app/api');
  if (process.env.API_RECORD) {
    const { appendFileSync } = await import('node:fs');
    appendFileSync(process.env.API_RECORD, JSON.stringify({ op: `${op.method} ${op.path}`, status: res.status, type: res.headers.get('content-type'), json: typeof json === 'string' ? '<text>' : json }) + '\n');
    return { status: res.status, json, headers: res.headers, cookies };
  }
  // The benchmark floor (/api/bench/*) is no part of the API and is not documented.
  const mismatch = op.path.startsWith('/api/bench/') ? null : nonConformance(op, { status: res.status, contentType: res.headers.get('content-type'), body: json });
  if (mismatch) throw new Error(`The response does not conform to the OpenAPI document: ${mismatch}\n${text.slice(0, 600)}`);
  return { status: res.status, json, headers: res.headers, cookies };
}
