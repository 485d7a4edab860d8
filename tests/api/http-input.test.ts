import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as register } from '../../src/app/api/auth/register/route';
import { GET as getProfile, PATCH as patchProfile } from '../../src/app/api/profile/route';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { call, type CallResult } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// How the route wrapper treats bad input: the right 4xx with a stable code and the failing
// fields named, never a 5xx, and nothing written when a request is refused.

const LIMIT = 64 * 1024;
const JSON_TYPE = { 'content-type': 'application/json' };

let t: TestTenant;
let user: { id: string; email: string };
let token: string;

function expectProblem(r: CallResult, status: number, code: string): void {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toBe('application/problem+json');
  expect(r.json.code).toBe(code);
}

const fields = (r: CallResult) => (r.json.errors as { field: string }[]).map((e) => e.field).sort();

/** A login body of exactly n bytes (the password pads it). */
function loginBodyOfBytes(n: number): string {
  const shell = JSON.stringify({ email: 'someone@example.com', password: '' });
  return JSON.stringify({ email: 'someone@example.com', password: 'x'.repeat(n - Buffer.byteLength(shell)) });
}

async function userRows(email: string) {
  return withTenant(t.id, null, async ({ tx }) => ({
    users: (await sql<{ id: string }>`select id from users where tenant_id = ${t.id} and email = ${email}`.execute(tx)).rows,
    mail: (await sql<{ id: string }>`select id from email_outbox where tenant_id = ${t.id} and to_address = ${email}`.execute(tx)).rows,
  }));
}

beforeAll(async () => {
  t = await makeTenant();
  user = await makeUser(t);
  const r = await call(login, { host: t.host, body: { email: user.email, password: PASSWORD } });
  token = r.json.token;
});

afterAll(async () => {
  await closePools();
});

describe('request bodies', () => {
  it.each(['{"email": "a@example.com", ', '{email: "a@example.com"}', "{'a': 1}", '{"a":1}}'])('malformed JSON %j → 400 malformed_json', async (raw) => {
    expectProblem(await call(login, { host: t.host, method: 'POST', rawBody: raw, headers: JSON_TYPE }), 400, 'malformed_json');
  });

  it.each([
    ['text/plain', JSON.stringify({ email: 'a@example.com', password: 'x' })],
    ['application/x-www-form-urlencoded', 'email=a%40example.com&password=x'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@example.com\r\n--x--'],
  ])('content type %s → 415 unsupported_media_type', async (type, raw) => {
    expectProblem(await call(login, { host: t.host, method: 'POST', rawBody: raw, headers: { 'content-type': type } }), 415, 'unsupported_media_type');
  });

  it('a body without a content type → 415', async () => {
    // A string body without a declared type is sent as text/plain by fetch.
    expectProblem(await call(login, { host: t.host, method: 'POST', rawBody: JSON.stringify({ email: user.email, password: PASSWORD }) }), 415, 'unsupported_media_type');
  });

  it('a body over 64 KiB → 413 payload_too_large; exactly 64 KiB is read and validated', async () => {
    const over = loginBodyOfBytes(LIMIT + 1);
    expect(Buffer.byteLength(over)).toBe(LIMIT + 1);
    expectProblem(await call(login, { host: t.host, method: 'POST', rawBody: over, headers: JSON_TYPE }), 413, 'payload_too_large');

    const atLimit = loginBodyOfBytes(LIMIT);
    expect(Buffer.byteLength(atLimit)).toBe(LIMIT);
    const r = await call(login, { host: t.host, method: 'POST', rawBody: atLimit, headers: JSON_TYPE });
    expectProblem(r, 400, 'validation_failed');
    expect(fields(r)).toEqual(['password']);
  });

  it('counts the limit in bytes, not characters', async () => {
    // 40,000 two-byte characters: under the limit in characters, over it in bytes.
    const raw = JSON.stringify({ email: 'someone@example.com', password: 'é'.repeat(40_000) });
    expect(raw.length).toBeLessThan(LIMIT);
    expectProblem(await call(login, { host: t.host, method: 'POST', rawBody: raw, headers: JSON_TYPE }), 413, 'payload_too_large');
  });

  it.each(['null', '[]', '42', '"text"', 'true'])('valid JSON of the wrong shape %s → 400 naming the body, never a 5xx', async (raw) => {
    const r = await call(login, { host: t.host, method: 'POST', rawBody: raw, headers: JSON_TYPE });
    expectProblem(r, 400, 'validation_failed');
    expect(fields(r)).toEqual(['(body)']);
  });
});

describe('validation', () => {
  it('names every missing field', async () => {
    const r = await call(register, { host: t.host, body: {} });
    expectProblem(r, 400, 'validation_failed');
    expect(fields(r)).toEqual(['email', 'firstName', 'lastName', 'password']);
    const partial = await call(register, { host: t.host, body: { email: `x-${randomBytes(3).toString('hex')}@example.com`, firstName: 'Ann' } });
    expect(fields(partial)).toEqual(['lastName', 'password']);
  });

  it('names fields of the wrong type', async () => {
    const r = await call(login, { host: t.host, body: { email: 42, password: ['x'] } });
    expectProblem(r, 400, 'validation_failed');
    expect(fields(r)).toEqual(['email', 'password']);
  });

  it('PATCH /api/profile refuses an unknown field (strict schema) and applies none of the request', async () => {
    for (const extra of [{ isAdmin: true }, { role: 'tenant_admin' }, { tenantId: randomBytes(16).toString('hex') }, { kycStatus: 'approved' }]) {
      const r = await call(patchProfile, { host: t.host, method: 'PATCH', token, body: { firstName: 'Mallory', ...extra } });
      expectProblem(r, 400, 'validation_failed');
      expect(r.json.errors.map((e: { message: string }) => e.message).join(' ')).toContain(Object.keys(extra)[0]);
    }
    const me = await call(getProfile, { host: t.host, token });
    expect(me.json).toMatchObject({ firstName: 'Test', role: 'investor', kycStatus: 'not_started' });
    // Control: the same request without the extra field is applied.
    const ok = await call(patchProfile, { host: t.host, method: 'PATCH', token, body: { firstName: 'Grace' } });
    expect(ok.status).toBe(200);
    expect(ok.json.firstName).toBe('Grace');
  });
});

describe('no partial writes', () => {
  it('a register with a weak password leaves no user and queues no mail; a strong one does create the account', async () => {
    const email = `weak-${randomBytes(4).toString('hex')}@example.com`;
    const r = await call(register, { host: t.host, body: { email, password: 'password', firstName: 'Walt', lastName: 'Weak' } });
    expectProblem(r, 400, 'validation_failed');
    expect(fields(r)).toContain('password');
    expect(await userRows(email)).toEqual({ users: [], mail: [] });

    const ok = await call(register, { host: t.host, body: { email, password: PASSWORD, firstName: 'Walt', lastName: 'Strong' } });
    expect(ok.status).toBe(201);
    const after = await userRows(email);
    expect(after.users).toHaveLength(1);
    expect(after.mail).toHaveLength(1);
  });

  it('a PATCH /api/profile with one invalid field changes none of the valid ones', async () => {
    const other = await makeUser(t);
    const tok = (await call(login, { host: t.host, body: { email: other.email, password: PASSWORD } })).json.token;
    const r = await call(patchProfile, { host: t.host, method: 'PATCH', token: tok, body: { firstName: 'Changed', displayName: 'New Name', phone: 'call me maybe' } });
    expectProblem(r, 400, 'validation_failed');
    expect(fields(r)).toEqual(['phone']);
    const me = await call(getProfile, { host: t.host, token: tok });
    expect(me.json).toMatchObject({ firstName: 'Test', displayName: 'Test User', phone: null });
  });
});
