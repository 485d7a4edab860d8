import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { GET as ownKyc } from '../../src/app/api/investor/kyc/route';
import { POST as startApplication } from '../../src/app/api/investor/kyc/applications/route';
import { POST as webhook } from '../../src/app/api/webhooks/kyc/[provider]/route';
import { getConfig, resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { storeTenantCredentials } from '../../src/server/kyc/credentials';
import { addUser } from '../../src/server/platform/tenants';
import { FakeKycProviderServer, type Signed } from '../fakes/kyc-provider-server';
import { call } from '../helpers/api';
import { makeTenant, PASSWORD } from '../helpers/tenants';

// Sumsub and ShuftiPro end to end against a local fake of each service (tests/fakes): our
// signed requests must satisfy it, and its signed callbacks go through our webhook route.

const fake = new FakeKycProviderServer({
  sumsub: { appToken: 'sbx:app-token-1', secretKey: 'sumsub-api-secret-1', webhookSecret: 'sumsub-webhook-secret-1' },
  shufti: { clientId: 'shufti-client-1', secretKey: 'shufti-secret-1' },
});

type T = { id: string; host: string };
const tenantWith = (kycProvider: 'sumsub' | 'shuftipro'): Promise<T> => makeTenant({ kycProvider });

async function investor(t: T) {
  const email = `inv-${randomBytes(4).toString('hex')}@example.com`;
  const id = await addUser(t.id, { email, password: PASSWORD, firstName: 'I', lastName: 'N', roles: ['investor'] });
  const r = await call(login, { host: t.host, body: { email, password: PASSWORD } });
  return { id, token: r.json.token as string };
}

const deliver = (t: T, provider: string, s: Signed) => call(webhook, { host: t.host, path: `/api/webhooks/kyc/${provider}`, rawBody: s.body, headers: s.headers, params: { provider } });

async function application(t: T, id: string) {
  return withTenant(t.id, null, (tx) => tx.tx.selectFrom('kyc_applications').selectAll().where('tenant_id', '=', t.id).where('id', '=', id).executeTakeFirstOrThrow());
}
async function events(t: T, id: string) {
  return withTenant(t.id, null, (tx) => tx.tx.selectFrom('kyc_events').select(['event_type', 'outcome']).where('tenant_id', '=', t.id).where('application_id', '=', id).orderBy('received_at').execute());
}

let sumsubTenant: T;
let shuftiTenant: T;

beforeAll(async () => {
  await fake.start();
  Object.assign(process.env, {
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    ...fake.platformEnv(),
  });
  resetConfigCache();
  sumsubTenant = await tenantWith('sumsub');
  shuftiTenant = await tenantWith('shuftipro');
});

afterAll(async () => {
  await fake.close();
  await closePools();
});

describe('Sumsub', () => {
  it('creates the applicant and a WebSDK token with signed requests, then webhooks drive the status to approved', async () => {
    const inv = await investor(sumsubTenant);
    const r = await call(startApplication, { host: sumsubTenant.host, token: inv.token, body: {} });
    expect(r.status).toBe(201);
    expect(r.json.sdk).toMatchObject({ provider: 'sumsub', accessToken: expect.stringMatching(/^_act-sbx-/), levelName: 'basic-kyc-level' });
    expect(fake.rejected).toEqual([]);
    const app = await application(sumsubTenant, r.json.application.id);
    const applicant = fake.applicants.get(app.external_applicant_id)!;
    expect(applicant.externalUserId).toBe(app.id);

    const t0 = Date.now();
    expect((await deliver(sumsubTenant, 'sumsub', fake.sumsubWebhook(applicant.id, 'applicantPending', { at: new Date(t0) }))).json.outcome).toBe('applied');
    expect((await call(ownKyc, { host: sumsubTenant.host, token: inv.token })).json.kycStatus).toBe('pending');

    const green = fake.sumsubWebhook(applicant.id, 'applicantReviewed', { answer: 'GREEN', at: new Date(t0 + 2000), alg: 'HMAC_SHA512_HEX' });
    expect((await deliver(sumsubTenant, 'sumsub', green)).json.outcome).toBe('applied');
    // A replay of the same delivery changes nothing and still answers 200.
    const replay = await deliver(sumsubTenant, 'sumsub', green);
    expect(replay.status).toBe(200);
    expect(replay.json.outcome).toBe('duplicate');
    // A pending that was sent earlier but arrives late does not undo the approval.
    const late = await deliver(sumsubTenant, 'sumsub', fake.sumsubWebhook(applicant.id, 'applicantPending', { at: new Date(t0 + 1000) }));
    expect(late.json.outcome).toBe('stale');

    const kyc = (await call(ownKyc, { host: sumsubTenant.host, token: inv.token })).json;
    expect(kyc).toMatchObject({ kycStatus: 'approved', verificationLevel: 'standard' });
    expect((await events(sumsubTenant, app.id)).map((e) => `${e.event_type}:${e.outcome}`)).toEqual(['applicantPending:applied', 'applicantReviewed:applied', 'applicantPending:stale']);
    // Starting again after approval is refused without calling the provider.
    expect((await call(startApplication, { host: sumsubTenant.host, token: inv.token, body: {} })).json.code).toBe('kyc_already_approved');
  });

  it('RED/RETRY then RED/FINAL map to retry and rejected, with the moderation comment as reason', async () => {
    const inv = await investor(sumsubTenant);
    const id = (await call(startApplication, { host: sumsubTenant.host, token: inv.token, body: {} })).json.application.id;
    const applicantId = (await application(sumsubTenant, id)).external_applicant_id;
    const t0 = Date.now();
    await deliver(sumsubTenant, 'sumsub', fake.sumsubWebhook(applicantId, 'applicantReviewed', { answer: 'RED', rejectType: 'RETRY', at: new Date(t0) }));
    expect((await application(sumsubTenant, id))).toMatchObject({ status: 'retry', decision_reason: 'Upload both sides' });
    // The open application is reused for the retry with a fresh token, not a second applicant.
    const again = await call(startApplication, { host: sumsubTenant.host, token: inv.token, body: {} });
    expect(again.status).toBe(200);
    expect(again.json.application.id).toBe(id);
    await deliver(sumsubTenant, 'sumsub', fake.sumsubWebhook(applicantId, 'applicantReviewed', { answer: 'RED', rejectType: 'FINAL', at: new Date(t0 + 1000) }));
    expect((await call(ownKyc, { host: sumsubTenant.host, token: inv.token })).json.kycStatus).toBe('rejected');
  });

  it('refuses forged, tampered and unsigned webhooks with 401 and stores nothing', async () => {
    const inv = await investor(sumsubTenant);
    const id = (await call(startApplication, { host: sumsubTenant.host, token: inv.token, body: {} })).json.application.id;
    const applicantId = (await application(sumsubTenant, id)).external_applicant_id;
    const forged = fake.sumsubWebhook(applicantId, 'applicantReviewed', { answer: 'GREEN', secret: 'guessed-secret' });
    const good = fake.sumsubWebhook(applicantId, 'applicantReviewed', { answer: 'GREEN' });
    const tampered = { body: good.body.replace('"sandboxMode":true', '"sandboxMode":false'), headers: good.headers };
    const unsigned = { body: good.body, headers: { 'content-type': 'application/json' } };
    const unknownAlg = { body: good.body, headers: { ...good.headers, 'x-payload-digest-alg': 'HMAC_MD5_HEX' } };
    for (const s of [forged, tampered, unsigned, unknownAlg]) expect((await deliver(sumsubTenant, 'sumsub', s)).status).toBe(401);
    expect(await events(sumsubTenant, id)).toEqual([]);
    expect((await application(sumsubTenant, id)).status).toBe('submitted');
    expect((await deliver(sumsubTenant, 'sumsub', good)).json.outcome).toBe('applied');
  });

  it('a correctly signed event for an unknown applicant is 200 and recorded as ignored; unknown providers are 404', async () => {
    const r = await deliver(sumsubTenant, 'sumsub', fake.sumsubWebhook('ffffffffffffffffffffffff', 'applicantReviewed', { answer: 'GREEN' }));
    expect(r.status).toBe(200);
    expect(r.json.outcome).toBe('ignored');
    const rows = await withTenant(sumsubTenant.id, null, (t) => t.tx.selectFrom('kyc_events').select(['outcome', 'application_id']).where('tenant_id', '=', sumsubTenant.id).where('application_id', 'is', null).execute());
    expect(rows).toContainEqual({ outcome: 'ignored', application_id: null });
    expect((await deliver(sumsubTenant, 'onfido', fake.sumsubWebhook('x', 'applicantCreated'))).status).toBe(404);
    const huge = fake.sumsubWebhook('x', 'applicantCreated');
    expect((await deliver(sumsubTenant, 'sumsub', { body: huge.body.replace('"sandboxMode":true', `"pad":"${'x'.repeat(1024 * 1024)}","sandboxMode":true`), headers: huge.headers })).status).toBe(413);
    expect((await deliver(sumsubTenant, 'manual', fake.sumsubWebhook('x', 'applicantCreated'))).status).toBe(404);
  });

  it("a tenant's own encrypted credentials replace the platform's: env-signed webhooks are refused there", async () => {
    const own = await tenantWith('sumsub');
    await withTenant(own.id, null, (t) => storeTenantCredentials(t, getConfig(), 'sumsub', { appToken: 'sbx:tenant-own', secretKey: 'tenant-own-secret', webhookSecret: 'tenant-own-webhook' }));
    const sealed = await withTenant(own.id, null, (t) => t.tx.selectFrom('tenant_kyc_credentials').select('encrypted_secret').where('tenant_id', '=', own.id).executeTakeFirstOrThrow());
    expect(sealed.encrypted_secret).not.toContain('tenant-own');
    expect((await deliver(own, 'sumsub', fake.sumsubWebhook('abc', 'applicantCreated'))).status).toBe(401);
    expect((await deliver(own, 'sumsub', fake.sumsubWebhook('abc', 'applicantCreated', { secret: 'tenant-own-webhook' }))).json.outcome).toBe('ignored');
    // The fake knows only the platform's API secret, so the tenant's own token is refused there.
    const inv = await investor(own);
    const r = await call(startApplication, { host: own.host, token: inv.token, body: {} });
    expect(r.status).toBe(502);
    expect(r.json.code).toBe('kyc_provider_failed');
    expect((await call(ownKyc, { host: own.host, token: inv.token })).json.applications).toEqual([]);
  });
});

describe('ShuftiPro', () => {
  it('requests verification with Basic auth and a signed answer, then signed callbacks approve; replays and late pendings change nothing', async () => {
    const inv = await investor(shuftiTenant);
    const r = await call(startApplication, { host: shuftiTenant.host, token: inv.token, body: {} });
    expect(r.status).toBe(201);
    expect(r.json.verificationUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/verify\//);
    expect(r.json.application.status).toBe('pending');
    const reference = r.json.application.id as string;
    expect(fake.shuftiRequests.get(reference)?.callbackUrl).toBe(`http://${shuftiTenant.host}/api/webhooks/kyc/shuftipro`);

    const accepted = fake.shuftiCallback(reference, 'verification.accepted');
    expect((await deliver(shuftiTenant, 'shuftipro', accepted)).json.outcome).toBe('applied');
    expect((await deliver(shuftiTenant, 'shuftipro', accepted)).json.outcome).toBe('duplicate');
    expect((await deliver(shuftiTenant, 'shuftipro', fake.shuftiCallback(reference, 'request.pending'))).json.outcome).toBe('stale');
    expect((await call(ownKyc, { host: shuftiTenant.host, token: inv.token })).json).toMatchObject({ kycStatus: 'approved', verificationLevel: 'standard' });
  });

  it('refuses callbacks signed with another key or unsigned; a declined callback rejects with its reason', async () => {
    const inv = await investor(shuftiTenant);
    const reference = (await call(startApplication, { host: shuftiTenant.host, token: inv.token, body: {} })).json.application.id;
    const forged = fake.shuftiCallback(reference, 'verification.accepted', { secret: 'not-the-key' });
    expect((await deliver(shuftiTenant, 'shuftipro', forged)).status).toBe(401);
    expect((await deliver(shuftiTenant, 'shuftipro', { body: forged.body, headers: {} })).status).toBe(401);
    expect((await application(shuftiTenant, reference)).status).toBe('pending');
    await deliver(shuftiTenant, 'shuftipro', fake.shuftiCallback(reference, 'verification.declined', { declinedReason: 'Face not matched' }));
    expect(await application(shuftiTenant, reference)).toMatchObject({ status: 'rejected', decision_reason: 'Face not matched' });
  });

  it('with no secret configured for a provider, its webhooks are refused', async () => {
    delete process.env.SHUFTI_SECRET_KEY;
    resetConfigCache();
    try {
      const s = fake.shuftiCallback('0190f5a2-0000-7000-8000-000000000000', 'verification.accepted');
      const r = await deliver(shuftiTenant, 'shuftipro', s);
      expect(r.status).toBe(401);
      expect(r.json.code).toBe('webhook_secret_not_configured');
    } finally {
      process.env.SHUFTI_SECRET_KEY = fake.opts.shufti.secretKey;
      resetConfigCache();
    }
  });
});
