import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as startApplication } from '../../src/app/api/investor/kyc/applications/route';
import { POST as webhook } from '../../src/app/api/webhooks/kyc/[provider]/route';
import { resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { addUser, createTenant } from '../../src/server/platform/tenants';
import { FakeKycProviderServer } from '../fakes/kyc-provider-server';
import { call } from '../helpers/api';
import { PASSWORD } from '../helpers/tenants';

// A Sumsub review that reports its own AML finding (reject labels SANCTIONS / PEP /
// ADVERSE_MEDIA) opens a provider hit in the screening review queue, in the webhook's
// transaction; document labels do not, and a replayed or forged delivery opens nothing.

const fake = new FakeKycProviderServer({
  sumsub: { appToken: 'sbx:app-token-2', secretKey: 'sumsub-api-secret-2', webhookSecret: 'sumsub-webhook-secret-2' },
  shufti: { clientId: 'shufti-client-2', secretKey: 'shufti-secret-2' },
});

let tenant: { id: string; host: string };
const ENHANCED_LEVEL = 'enhanced-kyc-level';

/** A Sumsub applicantReviewed body signed as Sumsub signs it (HMAC-SHA256 of the raw body, hex). */
function reviewed(applicantId: string, labels: string[], o: { answer?: 'RED' | 'GREEN'; secret?: string; levelName?: string } = {}) {
  const body = JSON.stringify({
    applicantId,
    levelName: o.levelName ?? 'basic-kyc-level',
    correlationId: `req-${randomBytes(6).toString('hex')}`,
    type: 'applicantReviewed',
    reviewStatus: 'completed',
    createdAtMs: new Date().toISOString().replace('T', ' ').replace('Z', ''),
    reviewResult: { reviewAnswer: o.answer ?? 'RED', reviewRejectType: 'FINAL', rejectLabels: labels, moderationComment: 'AML check' },
  });
  const digest = createHmac('sha256', o.secret ?? fake.opts.sumsub.webhookSecret).update(body).digest('hex');
  return { body, headers: { 'content-type': 'application/json', 'x-payload-digest': digest, 'x-payload-digest-alg': 'HMAC_SHA256_HEX' } };
}
const deliver = (s: { body: string; headers: Record<string, string> }) => call(webhook, { host: tenant.host, path: '/api/webhooks/kyc/sumsub', rawBody: s.body, headers: s.headers, params: { provider: 'sumsub' } });

async function applicant(level: 'standard' | 'enhanced' = 'standard') {
  const email = `inv-${randomBytes(4).toString('hex')}@example.com`;
  const userId = await addUser(tenant.id, { email, password: PASSWORD, firstName: 'I', lastName: 'N', roles: ['investor'] });
  const token = (await call(login, { host: tenant.host, body: { email, password: PASSWORD } })).json.token as string;
  const started = await call(startApplication, { host: tenant.host, token, body: { level } });
  expect(started.status).toBe(201);
  const id = started.json.application.id as string;
  const app = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('kyc_applications').select('external_applicant_id').where('tenant_id', '=', tenant.id).where('id', '=', id).executeTakeFirstOrThrow());
  return { userId, applicantId: app.external_applicant_id! };
}
const hitsOf = (userId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('screening_hits').select(['source', 'matched_on', 'status', 'entry_id']).where('tenant_id', '=', tenant.id).where('user_id', '=', userId).orderBy('matched_on').execute());

const levelsOf = (userId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('user_verification_levels').select(['level', 'evidence']).where('tenant_id', '=', tenant.id).where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('id').execute());

beforeAll(async () => {
  await fake.start();
  Object.assign(process.env, {
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    ...fake.platformEnv(),
  });
  resetConfigCache();
  const slug = `kl-${randomBytes(5).toString('hex')}`;
  const { id } = await createTenant(
    { adminId: null },
    { name: `KYC ${slug}`, slug, domain: null, aliases: [], kycProvider: 'sumsub', settings: { rateLimits: { public: 100_000, authenticated: 100_000, admin: 100_000 }, kyc: { sumsubEnhancedLevelName: ENHANCED_LEVEL } }, admin: { email: `admin@${slug}.test`, password: PASSWORD, firstName: 'A', lastName: 'A' } },
  );
  tenant = { id, host: `${slug}.localhost` };
});

afterAll(async () => {
  await fake.close();
  await closePools();
});

describe('Sumsub sanctions / PEP labels', () => {
  it('open one provider hit per screening label, beside the rejection, and none again on a replay', async () => {
    const a = await applicant();
    const s = reviewed(a.applicantId, ['SANCTIONS', 'PEP', 'DOCUMENT_PAGE_MISSING']);
    const r = await deliver(s);
    expect(r.status).toBe(200);
    expect(r.json.outcome).toBe('applied');
    expect(await hitsOf(a.userId)).toEqual([
      { source: 'provider', matched_on: 'sumsub: PEP', status: 'open', entry_id: null },
      { source: 'provider', matched_on: 'sumsub: SANCTIONS', status: 'open', entry_id: null },
    ]);
    expect((await deliver(s)).json.outcome).toBe('duplicate');
    expect(await hitsOf(a.userId)).toHaveLength(2);
    const audited = await withTenant(tenant.id, null, (t) =>
      t.tx.selectFrom('audit_logs').select('metadata').where('tenant_id', '=', tenant.id).where('action', '=', 'screening.hit_opened').execute(),
    );
    expect(audited.map((x) => x.metadata)).toEqual(expect.arrayContaining([expect.objectContaining({ userId: a.userId, provider: 'sumsub', label: 'SANCTIONS' })]));
  });

  it('adverse media counts; document problems do not', async () => {
    const a = await applicant();
    await deliver(reviewed(a.applicantId, ['ADVERSE_MEDIA']));
    expect((await hitsOf(a.userId)).map((h) => h.matched_on)).toEqual(['sumsub: ADVERSE_MEDIA']);
    const b = await applicant();
    await deliver(reviewed(b.applicantId, ['DOCUMENT_PAGE_MISSING', 'BAD_SELFIE']));
    expect(await hitsOf(b.userId)).toEqual([]);
  });

  it('the same label sent again in a new review (another delivery) opens no second hit, whether the first is open or decided', async () => {
    const a = await applicant();
    expect((await deliver(reviewed(a.applicantId, ['SANCTIONS']))).json.outcome).toBe('applied');
    // A re-sent review is a new delivery (new correlation id), so it is not a duplicate receipt.
    expect((await deliver(reviewed(a.applicantId, ['SANCTIONS', 'PEP']))).status).toBe(200);
    expect(await hitsOf(a.userId)).toEqual([
      { source: 'provider', matched_on: 'sumsub: PEP', status: 'open', entry_id: null },
      { source: 'provider', matched_on: 'sumsub: SANCTIONS', status: 'open', entry_id: null },
    ]);
    // A reviewer clears the sanctions hit; Sumsub reporting the label again does not re-open it.
    await withTenant(tenant.id, null, (t) =>
      t.tx.updateTable('screening_hits').set({ status: 'cleared', reviewed_at: new Date(), note: 'different person' }).where('tenant_id', '=', tenant.id).where('user_id', '=', a.userId).where('matched_on', '=', 'sumsub: SANCTIONS').execute(),
    );
    await deliver(reviewed(a.applicantId, ['SANCTIONS']));
    expect((await hitsOf(a.userId)).filter((h) => h.matched_on === 'sumsub: SANCTIONS')).toEqual([{ source: 'provider', matched_on: 'sumsub: SANCTIONS', status: 'cleared', entry_id: null }]);
    const opened = await withTenant(tenant.id, null, (t) =>
      t.tx.selectFrom('audit_logs').select('metadata').where('tenant_id', '=', tenant.id).where('action', '=', 'screening.hit_opened').execute(),
    );
    expect(opened.filter((o) => (o.metadata as { userId?: string }).userId === a.userId)).toHaveLength(2);
  });

  it('concurrent deliveries of the same label open one hit', async () => {
    const a = await applicant();
    await Promise.all([deliver(reviewed(a.applicantId, ['SANCTIONS'])), deliver(reviewed(a.applicantId, ['SANCTIONS'])), deliver(reviewed(a.applicantId, ['SANCTIONS']))]);
    expect(await hitsOf(a.userId)).toHaveLength(1);
  });

  it('a GREEN review of the tenant’s enhanced Sumsub level grants enhanced with the provider’s checks; of the basic level, standard only', async () => {
    const e = await applicant('enhanced');
    expect((await deliver(reviewed(e.applicantId, [], { answer: 'GREEN', levelName: ENHANCED_LEVEL }))).json.outcome).toBe('applied');
    const levels = await levelsOf(e.userId);
    expect(levels.map((l) => l.level).sort()).toEqual(['enhanced', 'standard']);
    expect(levels.find((l) => l.level === 'enhanced')!.evidence).toMatchObject({ liveness: { source: 'provider' }, proofOfAddress: { source: 'provider', issuedOn: null }, screening: { clear: true } });

    const s = await applicant();
    await deliver(reviewed(s.applicantId, [], { answer: 'GREEN' }));
    expect((await levelsOf(s.userId)).map((l) => l.level)).toEqual(['standard']);

    // The provider's own AML label opened a hit that is still open: a later GREEN review of
    // the enhanced level verifies the identity but not 'enhanced'.
    const flagged = await applicant('enhanced');
    await deliver(reviewed(flagged.applicantId, ['PEP'], { answer: 'RED' }));
    await new Promise((r) => setTimeout(r, 5));
    expect((await deliver(reviewed(flagged.applicantId, [], { answer: 'GREEN', levelName: ENHANCED_LEVEL }))).json.outcome).toBe('applied');
    expect((await levelsOf(flagged.userId)).map((l) => l.level)).toEqual(['standard']);
  });

  it('a forged delivery with a sanctions label opens nothing', async () => {
    const a = await applicant();
    const forged = await deliver(reviewed(a.applicantId, ['SANCTIONS'], { secret: 'not-the-secret' }));
    expect(forged.status).toBe(401);
    expect(await hitsOf(a.userId)).toEqual([]);
  });
});
