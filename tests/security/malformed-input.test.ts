import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as register } from '../../src/app/api/auth/register/route';
import { POST as createGroup } from '../../src/app/api/deal-groups/route';
import { POST as postComment } from '../../src/app/api/deals/[id]/comments/route';
import { POST as addFaq } from '../../src/app/api/deals/[id]/faqs/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { POST as review } from '../../src/app/api/deals/[id]/reviews/route';
import { POST as transition } from '../../src/app/api/deals/[id]/transitions/route';
import { POST as createDeal } from '../../src/app/api/issuer/deals/route';
import { PATCH as patchProfile } from '../../src/app/api/profile/route';
import { closePools } from '../../src/server/db/pool';
import { call } from '../helpers/api';
import { baseDeal, makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// Malformed input, replayed: every path parameter of every route with hostile values, and
// every field of the main JSON bodies with the wrong type, a huge string, deep nesting or
// an array where an object goes. Each is a 4xx problem+json; a 400 names the field. Never
// a 5xx. tests/api/http-input covers malformed JSON, content types and body size once.
// (NUL bytes and lone surrogates are issue 21 finding 8, tested by its fix.)

const API_DIR = path.resolve(import.meta.dirname, '../../src/app/api');
type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

let t: TestTenant;
let admin: string;
let investor: string;
let issuer: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
let dealId: string;

beforeAll(async () => {
  t = await makeTenant();
  admin = await tokenFor(t, t.admin.email);
  issuer = await makeVerifiedIssuer(t, admin);
  investor = await tokenFor(t, (await makeUser(t)).email);
  dealId = (await makeActiveDeal(t, issuer.token, admin)).id;
});

afterAll(async () => {
  await closePools();
});

describe('path parameters on every route', () => {
  const BAD_IDS = ['not-a-uuid', '../../../etc/passwd', '1 OR 1=1', '00000000-0000-0000-0000-00000000000', '{{7*7}}', 'x'.repeat(5000), '%00', '-1', '1e3'];

  it('every handler with a path parameter answers hostile values with a 4xx problem, never a 5xx', async () => {
    const bad: string[] = [];
    let driven = 0;
    for (const f of readdirSync(API_DIR, { recursive: true }) as string[]) {
      if (path.basename(f) !== 'route.ts' || !f.includes('[')) continue;
      const key = path.dirname(f).split(path.sep).join('/');
      const names = [...key.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
      const mod = (await import(path.join(API_DIR, f))) as Record<string, unknown>;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
        const h = mod[method] as Handler | undefined;
        if (!h) continue;
        for (const value of BAD_IDS) {
          for (const token of [admin, issuer.token]) {
            driven++;
            const params = Object.fromEntries(names.map((n) => [n, value]));
            const r = await call(h, { host: t.host, method, token, params, path: `/api/${key}`, ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }) });
            const where = `${method} /api/${key} ${JSON.stringify(value.slice(0, 20))}: ${r.status} ${r.json?.code}`;
            if (r.status < 400 || r.status >= 500) bad.push(where);
            else if (r.headers.get('content-type') !== 'application/problem+json') bad.push(`${where} not problem+json`);
          }
        }
      }
    }
    expect(driven).toBeGreaterThan(500);
    expect(bad).toEqual([]);
  }, 60_000);

  it('a malformed deal id is 400 naming id (not a lookup that 404s)', async () => {
    const r = await call(invest, { host: t.host, token: investor, params: { id: 'not-a-uuid' }, body: { amount: '100', paymentMethod: 'wire' } });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});

describe('amounts', () => {
  it.each([
    ['negative', '-100'],
    ['negative number', -100],
    ['zero', '0'],
    ['more decimals than the currency has', '100.555'],
    ['an exponent string', '1e3'],
    ['an exponent number beyond 2^53', 1e300],
    ['hex', '0x64'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    ['a number with spaces', ' 1 00 '],
    ['a comma decimal', '100,00'],
    ['empty', ''],
    ['an array', ['100']],
    ['an object', { value: '100' }],
    ['a boolean', true],
    ['null', null],
    ['80 digits', '9'.repeat(80)],
  ])('invest with a %s amount is 400 naming amount', async (_l, amount) => {
    const r = await call(invest, { host: t.host, token: investor, params: { id: dealId }, body: { amount, paymentMethod: 'wire' } });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.json.errors.map((e: { field: string }) => e.field)).toContain('amount');
  });

  it('control: a plain amount is accepted', async () => {
    const r = await call(invest, { host: t.host, token: investor, params: { id: dealId }, body: { amount: '100', paymentMethod: 'wire' } });
    expect(r.status).toBe(201);
  });
});

describe('body fields', () => {
  const HOSTILE: [string, unknown][] = [
    ['an object', { $gt: '' }],
    ['an array', ['x', 'y']],
    ['a boolean', true],
    ['a 50 000 character string', 'x'.repeat(50_000)],
    ['a 50-deep object', JSON.parse(`${'{"a":'.repeat(50)}1${'}'.repeat(50)}`)],
    // Was a 500 (stack overflow in the NUL/surrogate walk) until 37b67a4.
    ['a 2 000-deep object', JSON.parse(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`)],
  ];
  type Case = [name: string, handler: Handler, body: () => Record<string, unknown>, token: () => string | undefined, params: () => Record<string, string>, numberOk?: string[]];
  const CASES: Case[] = [
    ['POST /api/auth/login', login as Handler, () => ({ email: t.admin.email, password: PASSWORD }), () => undefined, () => ({})],
    ['POST /api/auth/register', register as Handler, () => ({ email: `m-${randomBytes(3).toString('hex')}@example.com`, password: PASSWORD, firstName: 'M', lastName: 'F' }), () => undefined, () => ({})],
    ['PATCH /api/profile', patchProfile as Handler, () => ({ firstName: 'Ada', lastName: 'Lovelace', phone: '+1 555 0100' }), () => investor, () => ({})],
    ['POST /api/deals/[id]/comments', postComment as Handler, () => ({ body: 'hello' }), () => investor, () => ({ id: dealId })],
    ['POST /api/deals/[id]/faqs', addFaq as Handler, () => ({ question: 'Q?', answer: 'A.' }), () => issuer.token, () => ({ id: dealId })],
    ['POST /api/deals/[id]/reviews', review as Handler, () => ({ rating: 4, body: 'ok' }), () => investor, () => ({ id: dealId })],
    ['POST /api/deals/[id]/transitions', transition as Handler, () => ({ action: 'submit' }), () => issuer.token, () => ({ id: dealId })],
    ['POST /api/deals/[id]/invest', invest as Handler, () => ({ amount: '100', paymentMethod: 'wire' }), () => investor, () => ({ id: dealId })],
    ['POST /api/deal-groups', createGroup as Handler, () => ({ name: 'G', slug: `g-${randomBytes(3).toString('hex')}`, description: 'd' }), () => admin, () => ({})],
    ['POST /api/issuer/deals', createDeal as Handler, () => ({ ...baseDeal }), () => issuer.token, () => ({})],
  ];

  it.each(CASES)('%s: each field with a hostile value is a 400 naming that field', async (_name, handler, body, token, params) => {
    const bad: string[] = [];
    for (const field of Object.keys(body())) {
      for (const [label, value] of HOSTILE) {
        const r = await call(handler, { host: t.host, token: token(), params: params(), ip: `10.44.${randomBytes(1)[0]}.${randomBytes(1)[0]}`, body: { ...body(), [field]: value } });
        const fields: string[] = r.json?.errors?.map((e: { field: string }) => e.field) ?? [];
        const where = `${field} = ${label}: ${r.status} ${r.json?.code}`;
        if (r.status >= 500) bad.push(`${where} (server error)`);
        else if (r.status === 413) continue; // over the body limit: refused before parsing, also fine
        else if (r.status < 300 && field === 'description' && label.includes('50 000')) continue; // long text is allowed there
        else if (r.status !== 400 || !fields.some((f) => f === field || f.startsWith(`${field}.`))) bad.push(`${where} fields ${JSON.stringify(fields)}`);
      }
    }
    expect(bad).toEqual([]);
  }, 60_000);

  it.each(CASES)('%s: an array, a string, a number or null where the object goes is a 400 naming the body', async (_name, handler, _body, token, params) => {
    for (const raw of ['[{"a":1}]', '"x"', '12', 'null', `${'['.repeat(50)}${']'.repeat(50)}`, `${'['.repeat(3000)}${']'.repeat(3000)}`]) {
      const r = await call(handler, { host: t.host, token: token(), params: params(), rawBody: raw, headers: { 'content-type': 'application/json' }, method: _name.split(' ')[0] });
      expect({ raw: raw.slice(0, 10), status: r.status }).toEqual({ raw: raw.slice(0, 10), status: 400 });
      expect(r.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('problem bodies never carry a stack trace or SQL', async () => {
    const r = await call(createDeal, { host: t.host, token: issuer.token, body: { ...baseDeal, targetAmount: { $where: 'sleep(1)' }, hardCap: -1 } });
    expect(r.status).toBe(400);
    const text = JSON.stringify(r.json);
    expect(text).not.toMatch(/\bat \w+ \(|node_modules|\.ts:\d+|select |insert into|ZodError/i);
  });
});
