import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import ts from 'typescript';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/server/openapi/document';
import { PEER_ADDRESS_HEADER } from '../../src/server/http/client-address';
import { routeFor } from '../helpers/api-routes';
import { nonConformance } from '../helpers/openapi-conformance';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// A generated client has types for every call: openapi-typescript turns /api/openapi.json into
// TypeScript, a small openapi-fetch program is type-checked against it (strict, with expectations
// that a wrong field or body is a type error), and the same program then runs against a live HTTP
// server answering with the platform's route handlers.
const dir = path.resolve('data', 'test', `openapi-client-${process.pid}`);

const PROGRAM = `
import createClient from 'openapi-fetch';
import type { paths } from './api';

export async function run(baseUrl: string, fetchVia: (req: Request) => Promise<Response>, login: { email: string; password: string }) {
  const client = createClient<paths>({ baseUrl, fetch: fetchVia });
  const deals = await client.GET('/api/deals', { params: { query: { limit: 5 } } });
  if (deals.error) throw new Error(deals.error.code);
  const first: { title: string; slug: string } | undefined = deals.data.deals[0];
  const total: number = deals.data.total;
  // @ts-expect-error a deal has no such field: the types are not \`unknown\` or \`any\`
  void deals.data.deals[0]?.noSuchField;

  const signedIn = await client.POST('/api/auth/login', { body: { email: login.email, password: login.password } });
  // @ts-expect-error the login body needs a password
  void (() => client.POST('/api/auth/login', { body: { email: login.email } }));
  if (signedIn.error) throw new Error(signedIn.error.code);
  const token: string | null = 'token' in signedIn.data ? signedIn.data.token : null;
  if (!token) throw new Error('no access token');

  const deal = await client.GET('/api/deals/{id}', { params: { path: { id: first?.slug ?? 'none' } } });
  const missing = await client.GET('/api/deals/{id}', { params: { path: { id: 'no-such-deal' } } });
  const problemCode: string | undefined = missing.error?.code;
  const portfolio = await client.GET('/api/investor/portfolio', { headers: { authorization: \`Bearer \${token}\` } });
  const positions: number | undefined = portfolio.data?.positions.length;
  return { total, firstTitle: first?.title, dealTitle: deal.data?.title, problemCode, missingStatus: missing.response.status, positions };
}
`;

let server: http.Server;
let origin: string;
let tenant: TestTenant;
let investor: { email: string; password: string };
const seen: string[] = [];

beforeAll(async () => {
  tenant = await makeTenant();
  const admin = await tokenFor(tenant, tenant.admin.email);
  const issuer = await makeVerifiedIssuer(tenant, admin);
  await makeActiveDeal(tenant, issuer.token, admin, { title: 'Typed Client Deal' });
  const u = await makeUser(tenant);
  investor = { email: u.email, password: PASSWORD };

  // The live server: node:http in front of the route handlers, as scripts/serve.ts is in front of
  // Next.js. The tenant host travels in X-Forwarded-Host (fetch may not set Host), which this
  // server, standing as the trusted front proxy, puts back as the Host header.
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const host = String(req.headers['x-forwarded-host'] ?? req.headers.host);
    const route = await routeFor(req.method ?? 'GET', url.pathname);
    if (!route) return void res.writeHead(404).end();
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'x-forwarded-host') headers.set(k, v);
    headers.set('host', host);
    headers.set(PEER_ADDRESS_HEADER, req.socket.remoteAddress ?? '127.0.0.1');
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const answer = await route.handler(new Request(`http://${host}${url.pathname}${url.search}`, { method: req.method, headers, body }), { params: Promise.resolve(route.params) });
    const text = await answer.text();
    seen.push(`${req.method} ${url.pathname} ${answer.status}`);
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

describe('a client generated from the OpenAPI document', () => {
  it('has types for the calls (openapi-typescript), and a program using them type-checks strictly', async () => {
    mkdirSync(dir, { recursive: true });
    const ast = await openapiTS(openApiDocument() as unknown as Parameters<typeof openapiTS>[0]);
    const types = astToString(ast);
    writeFileSync(path.join(dir, 'api.d.ts'), types);
    writeFileSync(path.join(dir, 'program.ts'), PROGRAM);
    // Every operation is typed: no operation answers `unknown` on success.
    expect(types).toContain('operations');
    const program = ts.createProgram([path.join(dir, 'program.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      skipLibCheck: true,
      types: [],
      typeRoots: [path.resolve('node_modules/@types')],
      baseUrl: path.resolve('.'),
      paths: { 'openapi-fetch': [path.resolve('node_modules/openapi-fetch')] },
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  }, 120_000);

  it('runs against the live server, every answer conforming to the document', async () => {
    const { run } = (await import(/* @vite-ignore */ path.join(dir, 'program.ts'))) as { run: (base: string, f: (r: Request) => Promise<Response>, l: typeof investor) => Promise<Record<string, unknown>> };
    const viaServer = async (req: Request) => {
      const url = new URL(req.url);
      const headers = new Headers(req.headers);
      headers.set('x-forwarded-host', tenant.host);
      const body = req.method === 'GET' ? undefined : await req.text();
      const answer = await fetch(`${origin}${url.pathname}${url.search}`, { method: req.method, headers, body });
      const clone = answer.clone();
      const text = await clone.text();
      const route = await routeFor(req.method, url.pathname);
      const { operationOf } = await import('../helpers/api-routes');
      const op = route && (await operationOf(route.handler));
      const mismatch = op && nonConformance(op, { status: answer.status, contentType: answer.headers.get('content-type'), body: text ? JSON.parse(text) : null });
      if (mismatch) throw new Error(mismatch);
      return answer;
    };
    const r = await run(`http://${tenant.host}`, viaServer, investor);
    expect(r).toMatchObject({ firstTitle: 'Typed Client Deal', dealTitle: 'Typed Client Deal', problemCode: 'not_found', missingStatus: 404, positions: 0 });
    expect(r.total).toBeGreaterThanOrEqual(1);
    expect(seen).toEqual(expect.arrayContaining([expect.stringMatching(/^GET \/api\/deals 200$/), expect.stringMatching(/^POST \/api\/auth\/login 200$/)]));
  }, 60_000);
});
