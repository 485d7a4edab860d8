import { beforeAll, describe, expect, it } from 'vitest';
import { PATCH as patchTenant } from '../../src/app/api/admin/tenant/route';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as forgot } from '../../src/app/api/auth/password/forgot/route';
import { POST as resetPassword } from '../../src/app/api/auth/password/reset/route';
import { POST as register } from '../../src/app/api/auth/register/route';
import { POST as comment } from '../../src/app/api/deals/[id]/comments/route';
import { GET as getDeal } from '../../src/app/api/deals/[id]/route';
import { GET as listDeals } from '../../src/app/api/deals/route';
import { malformedText } from '../../src/server/http/validation';
import { call, type CallResult } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// Findings 8 and 9 of the outside attack run (issue 21): NUL bytes and lone surrogates that
// reached PostgreSQL and came back as 500s, and a password reset that told which emails exist.

let tenant: TestTenant;
let adminToken: string;
let investorToken: string;
beforeAll(async () => {
  tenant = await makeTenant();
  adminToken = (await call(login, { host: tenant.host, body: { email: tenant.admin.email, password: PASSWORD } })).json.token;
  const investor = await makeUser(tenant);
  investorToken = (await call(login, { host: tenant.host, body: { email: investor.email, password: PASSWORD } })).json.token;
});

function expectRefused(r: CallResult, field: string): void {
  expect(r.status).toBe(400);
  expect(r.headers.get('content-type')).toBe('application/problem+json');
  expect(r.json.code).toBe('validation_failed');
  expect(r.json.errors.map((e: { field: string }) => e.field)).toContain(field);
  expect(JSON.stringify(r.json)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
}

const LONE_HIGH = '"\\ud800"';
const LONE_LOW = '"abc\\udc00"';

describe('text PostgreSQL cannot store is a 400 naming the field, never a 500', () => {
  it('a NUL in the public deals search', async () => {
    expectRefused(await call(listDeals, { host: tenant.host, path: '/api/deals?search=%00' }), 'search');
    expectRefused(await call(listDeals, { host: tenant.host, path: '/api/deals?search=solar%00farm&status=active' }), 'search');
  });

  it('a NUL in a path segment (a deal slug)', async () => {
    expectRefused(await call(getDeal, { host: tenant.host, path: '/api/deals/x%00', params: { id: 'solar\u0000' } }), 'id');
  });

  it('a NUL or a lone surrogate in JSON body fields, nested or as a key', async () => {
    const reg = (raw: string) => call(register, { host: tenant.host, rawBody: raw, headers: { 'content-type': 'application/json' } });
    expectRefused(await reg(`{"email":"a@example.com","password":"${PASSWORD}","firstName":"Ada\\u0000","lastName":"L"}`), 'firstName');
    expectRefused(await reg(`{"email":"a@example.com","password":"${PASSWORD}","firstName":${LONE_HIGH},"lastName":"L"}`), 'firstName');
    expectRefused(await reg(`{"email":"a@example.com","password":"${PASSWORD}","firstName":"Ada","lastName":${LONE_LOW}}`), 'lastName');
    expectRefused(await call(login, { host: tenant.host, rawBody: '{"email\\u0000":"a@example.com","password":"x"}', headers: { 'content-type': 'application/json' } }), 'email\u0000');
    expectRefused(await call(comment, { host: tenant.host, token: investorToken, params: { id: crypto.randomUUID() }, body: { body: 'great deal\u0000' } }), 'body');
    expectRefused(await call(patchTenant, { host: tenant.host, token: adminToken, method: 'PATCH', rawBody: `{"name":${LONE_HIGH}}`, headers: { 'content-type': 'application/json' } }), 'name');
  });

  it('finds them at any depth, and leaves well-formed text alone (emoji are surrogate pairs)', () => {
    expect(malformedText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] }).map((e) => e.field)).toEqual(['a.1.c']);
    expect(malformedText({ note: 'launch 🚀 — café', list: ['日本'] })).toEqual([]);
  });
});

describe('password reset answers the same whether or not the email has an account', () => {
  it('a weak new password: the same answer for a known and an unknown email', async () => {
    const user = await makeUser(tenant);
    await call(forgot, { host: tenant.host, body: { email: user.email } });
    const known = await call(resetPassword, { host: tenant.host, body: { email: user.email, code: '123456', newPassword: 'short' } });
    const unknown = await call(resetPassword, { host: tenant.host, body: { email: `ghost-${Date.now()}@example.com`, code: '123456', newPassword: 'short' } });
    expect(known.status).toBe(unknown.status);
    expect(known.json.code).toBe(unknown.json.code);
    expect(known.json.errors).toEqual(unknown.json.errors);
  });

  it('a password made of the account holder\'s name, with a wrong code: the same invalid_code as for nobody', async () => {
    const user = await makeUser(tenant); // named Test User
    const weakForThisUser = 'TestUserTestUser';
    const known = await call(resetPassword, { host: tenant.host, body: { email: user.email, code: '123456', newPassword: weakForThisUser } });
    const unknown = await call(resetPassword, { host: tenant.host, body: { email: `ghost-${Date.now()}@example.com`, code: '123456', newPassword: weakForThisUser } });
    expect(known.json.code).toBe('invalid_code');
    expect(unknown.json.code).toBe('invalid_code');
    expect(known.status).toBe(unknown.status);
  });
});
