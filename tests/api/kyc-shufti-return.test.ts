import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { GET as reviewApplication } from '../../src/app/api/compliance/kyc/applications/[id]/route';
import { POST as startApplication } from '../../src/app/api/investor/kyc/applications/route';
import { GET as ownKyc } from '../../src/app/api/investor/kyc/route';
import { POST as webhook } from '../../src/app/api/webhooks/kyc/[provider]/route';
import { resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { addUser } from '../../src/server/platform/tenants';
import { FakeKycProviderServer } from '../fakes/kyc-provider-server';
import { call } from '../helpers/api';
import { makeTenant, PASSWORD } from '../helpers/tenants';

// Issue 15: a ShuftiPro tenant's investor is sent to the provider's hosted page and comes back
// to /verification/return. The hosted page's address is kept with the application so the
// investor can continue later, shown to the investor alone, and gone once the check settles.

const fake = new FakeKycProviderServer({
  sumsub: { appToken: 'sbx:app-token-2', secretKey: 'sumsub-api-secret-2', webhookSecret: 'sumsub-webhook-secret-2' },
  shufti: { clientId: 'shufti-client-2', secretKey: 'shufti-secret-2' },
});

let tenant: { id: string; host: string; admin: { email: string } };
let adminToken: string;

async function investor() {
  const email = `shufti-${randomBytes(4).toString('hex')}@example.com`;
  await addUser(tenant.id, { email, password: PASSWORD, firstName: 'Sh', lastName: 'Ufti', roles: ['investor'] });
  return (await call(login, { host: tenant.host, body: { email, password: PASSWORD } })).json.token as string;
}

beforeAll(async () => {
  await fake.start();
  Object.assign(process.env, { DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'), ...fake.platformEnv() });
  resetConfigCache();
  tenant = await makeTenant({ kycProvider: 'shuftipro' });
  adminToken = (await call(login, { host: tenant.host, body: { email: tenant.admin.email, password: PASSWORD } })).json.token;
});

afterAll(async () => {
  await fake.close();
  await closePools();
});

describe('ShuftiPro hand-off and return', () => {
  it('asks ShuftiPro to send the investor back to /verification/return and keeps the hosted page for the investor', async () => {
    const token = await investor();
    const started = await call(startApplication, { host: tenant.host, token, body: {} });
    expect(started.status).toBe(201);
    const reference = started.json.application.id as string;
    expect(started.json.verificationUrl).toMatch(new RegExp(`^${fake.url}/verify/`));
    expect(fake.shuftiRequests.get(reference)?.redirectUrl).toBe(`http://${tenant.host}/verification/return`);

    // Back later: the open application's page again, from the start call and the status.
    const again = await call(startApplication, { host: tenant.host, token, body: {} });
    expect(again.status).toBe(200);
    expect(again.json.verificationUrl).toBe(started.json.verificationUrl);
    const mine = await call(ownKyc, { host: tenant.host, token });
    expect(mine.json.applications[0].verificationUrl).toBe(started.json.verificationUrl);

    // Reviewers see the application, not the investor's hosted page.
    const review = await call(reviewApplication, { host: tenant.host, token: adminToken, params: { id: reference } });
    expect(review.status).toBe(200);
    expect(review.json.verificationUrl).toBeUndefined();

    // The decision arrives by the signed callback; the page's address no longer matters.
    const accepted = fake.shuftiCallback(reference, 'verification.accepted');
    expect((await call(webhook, { host: tenant.host, path: '/api/webhooks/kyc/shuftipro', rawBody: accepted.body, headers: accepted.headers, params: { provider: 'shuftipro' } })).json.outcome).toBe('applied');
    const after = await call(ownKyc, { host: tenant.host, token });
    expect(after.json.kycStatus).toBe('approved');
    expect(after.json.applications[0].verificationUrl).toBeNull();
  });
});
