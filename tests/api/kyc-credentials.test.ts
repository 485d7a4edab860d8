import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listCredentials } from '../../src/app/api/admin/kyc-credentials/route';
import { PUT as storeCredentials } from '../../src/app/api/admin/kyc-credentials/[provider]/route';
import { resetConfigCache } from '../../src/server/config';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

let tenant: TestTenant;
let adminToken: string;

beforeAll(async () => {
  process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString('base64url');
  resetConfigCache();
  tenant = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
});

describe('tenant KYC credentials', () => {
  it('stores a tenant’s own Sumsub account sealed, lists it without secrets, and audits without secrets', async () => {
    const secretKey = `sk-${randomBytes(8).toString('hex')}`;
    const r = await call(storeCredentials, { host: tenant.host, token: adminToken, method: 'PUT', params: { provider: 'sumsub' }, body: { appToken: 'app-token-1', secretKey, webhookSecret: 'whsec-1' } });
    expect(r.status).toBe(200);
    const list = await call(listCredentials, { host: tenant.host, token: adminToken });
    expect(list.json.ownCredentials.map((c: { provider: string }) => c.provider)).toEqual(['sumsub']);
    expect(JSON.stringify(list.json)).not.toContain(secretKey);
    const stored = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('tenant_kyc_credentials').select('encrypted_secret').where('tenant_id', '=', tenant.id).executeTakeFirstOrThrow());
    expect(stored.encrypted_secret).not.toContain(secretKey);
    const audits = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('audit_logs').selectAll().where('tenant_id', '=', tenant.id).where('action', '=', 'kyc.credentials_stored').execute());
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0])).not.toContain(secretKey);
  });

  it('names the missing fields, refuses unknown providers and non-admins', async () => {
    const bad = await call(storeCredentials, { host: tenant.host, token: adminToken, method: 'PUT', params: { provider: 'shuftipro' }, body: { clientId: 'c' } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field)).toContain('secretKey');
    expect((await call(storeCredentials, { host: tenant.host, token: adminToken, method: 'PUT', params: { provider: 'onfido' }, body: { a: 1 } })).status).toBe(400);
    const investor = await makeUser(tenant);
    expect((await call(listCredentials, { host: tenant.host, token: await tokenFor(tenant, investor.email) })).status).toBe(403);
  });
});
