import { describe, expect, it, beforeAll } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { GET as profile } from '../../src/app/api/profile/route';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

let tenant: TestTenant;
let user: { id: string; email: string };

beforeAll(async () => {
  tenant = await makeTenant();
  user = await makeUser(tenant);
});

describe('POST /api/auth/login', () => {
  it('returns the seed shape and httpOnly session cookies', async () => {
    const r = await call(login, { host: tenant.host, body: { email: user.email, password: PASSWORD } });
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(['token', 'user']);
    expect(r.json.user).toEqual({ id: user.id, email: user.email, role: 'investor' });
    const setCookies = r.headers.getSetCookie();
    expect(setCookies.find((c) => c.startsWith('cdp_at='))).toMatch(/HttpOnly/);
    expect(setCookies.find((c) => c.startsWith('cdp_rt='))).toMatch(/HttpOnly; ?|HttpOnly$/);
    const me = await call(profile, { host: tenant.host, token: r.json.token });
    expect(me.status).toBe(200);
    expect(me.json.email).toBe(user.email);
  });

  it('answers a wrong password and an unknown email with the same 401', async () => {
    const wrong = await call(login, { host: tenant.host, body: { email: user.email, password: 'not-the-password-1' } });
    const unknown = await call(login, { host: tenant.host, body: { email: 'nobody@example.com', password: 'whatever-password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json.code).toBe('invalid_credentials');
    expect(unknown.json.detail).toBe(wrong.json.detail);
  });

  it('records a denied attempt in the audit log even though the request fails', async () => {
    const before = new Date();
    await call(login, { host: tenant.host, body: { email: user.email, password: 'definitely-wrong-9' } });
    const rows = await withTenant(tenant.id, null, (t) =>
      t.tx.selectFrom('audit_logs').selectAll().where('tenant_id', '=', tenant.id).where('action', '=', 'auth.login').where('outcome', '=', 'denied').where('created_at', '>=', before).execute(),
    );
    expect(rows.some((r) => r.actor_id === user.id && (r.metadata as { reason: string }).reason === 'bad_password')).toBe(true);
  });

  it('names the failing fields of bad input', async () => {
    const r = await call(login, { host: tenant.host, body: { email: 'not-an-email' } });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });
});
