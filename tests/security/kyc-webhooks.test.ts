import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as startApplication } from '../../src/app/api/investor/kyc/applications/route';
import { POST as webhook } from '../../src/app/api/webhooks/kyc/[provider]/route';
import { resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { addUser } from '../../src/server/platform/tenants';
import { FakeKycProviderServer, type Signed } from '../fakes/kyc-provider-server';
import { call } from '../helpers/api';
import { makeTenant, PASSWORD } from '../helpers/tenants';

// Forged and replayed KYC webhooks, beyond tests/api/kyc-providers (which covers a wrong
// key, an unsigned body, a changed field and a replayed ShuftiPro callback): a delivery
// that is genuinely signed but sent to ANOTHER tenant's host, a stale (older) decision
// after a newer one, byte-level changes that keep the JSON equal, mangled signature
// headers, and validly signed garbage. Each is refused or recorded without effect, and
// never a 5xx.

const fake = new FakeKycProviderServer({
  sumsub: { appToken: 'sbx:sec-app', secretKey: 'sec-sumsub-api', webhookSecret: 'sec-sumsub-webhook' },
  shufti: { clientId: 'sec-shufti-client', secretKey: 'sec-shufti-secret' },
});

type T = { id: string; host: string };
const tenantWith = (kycProvider: 'sumsub' | 'shuftipro'): Promise<T> => makeTenant({ kycProvider });
async function applicationOf(t: T): Promise<{ id: string; applicantId: string }> {
  const email = `inv-${randomBytes(4).toString('hex')}@example.com`;
  await addUser(t.id, { email, password: PASSWORD, firstName: 'I', lastName: 'N', roles: ['investor'] });
  const token = (await call(login, { host: t.host, body: { email, password: PASSWORD } })).json.token;
  const r = await call(startApplication, { host: t.host, token, body: {} });
  expect(r.status).toBe(201);
  const row = await withTenant(t.id, null, (x) => x.tx.selectFrom('kyc_applications').select(['id', 'external_applicant_id']).where('tenant_id', '=', t.id).where('id', '=', r.json.application.id).executeTakeFirstOrThrow());
  return { id: row.id, applicantId: row.external_applicant_id! };
}
const statusOf = (t: T, id: string) => withTenant(t.id, null, async (x) => (await x.tx.selectFrom('kyc_applications').select('status').where('tenant_id', '=', t.id).where('id', '=', id).executeTakeFirstOrThrow()).status);
const eventCount = (t: T) => withTenant(t.id, null, async (x) => (await x.tx.selectFrom('kyc_events').select((e) => e.fn.countAll<string>().as('n')).where('tenant_id', '=', t.id).executeTakeFirstOrThrow()).n);
const deliver = (t: T, provider: string, s: Signed) => call(webhook, { host: t.host, path: `/api/webhooks/kyc/${provider}`, rawBody: s.body, headers: s.headers, params: { provider } });
const sumsubSign = (body: string, secret = fake.opts.sumsub.webhookSecret) => ({ body, headers: { 'content-type': 'application/json', 'x-payload-digest': createHmac('sha256', secret).update(body).digest('hex'), 'x-payload-digest-alg': 'HMAC_SHA256_HEX' } });
const shuftiSign = (body: string) => ({ body, headers: { 'content-type': 'application/json', signature: createHash('sha256').update(body + createHash('sha256').update(fake.opts.shufti.secretKey).digest('hex')).digest('hex') } });

let a: T;
let b: T;
let shufti: T;

beforeAll(async () => {
  await fake.start();
  Object.assign(process.env, {
    DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY ?? randomBytes(32).toString('base64url'),
    ...fake.platformEnv(),
  });
  resetConfigCache();
  [a, b, shufti] = await Promise.all([tenantWith('sumsub'), tenantWith('sumsub'), tenantWith('shuftipro')]);
});

afterAll(async () => {
  await fake.close();
  await closePools();
});

describe('genuine signatures used against the wrong tenant or out of order', () => {
  it('an approval for A’s applicant delivered to B’s host changes nothing in A or B; delivered to A it applies', async () => {
    const app = await applicationOf(a);
    const green = fake.sumsubWebhook(app.applicantId, 'applicantReviewed', { answer: 'GREEN' });
    const atB = await deliver(b, 'sumsub', green);
    expect(atB.status).toBe(200);
    expect(atB.json.outcome).toBe('ignored');
    expect(await statusOf(a, app.id)).not.toBe('approved');
    const atA = await deliver(a, 'sumsub', green);
    expect(atA.json.outcome).toBe('applied');
    expect(await statusOf(a, app.id)).toBe('approved');
  });

  it('a decision signed with an older timestamp after a newer one is recorded as stale and changes nothing', async () => {
    const app = await applicationOf(a);
    expect((await deliver(a, 'sumsub', fake.sumsubWebhook(app.applicantId, 'applicantReviewed', { answer: 'GREEN' }))).json.outcome).toBe('applied');
    const old = fake.sumsubWebhook(app.applicantId, 'applicantReviewed', { answer: 'RED', rejectType: 'FINAL', at: new Date(Date.now() - 2 * 3600_000) });
    const r = await deliver(a, 'sumsub', old);
    expect(r.status).toBe(200);
    expect(r.json.outcome).toBe('stale');
    expect(await statusOf(a, app.id)).toBe('approved');
  });

  it('the same signed rejection replayed ten times is applied once and then duplicate', async () => {
    const app = await applicationOf(a);
    const red = fake.sumsubWebhook(app.applicantId, 'applicantReviewed', { answer: 'RED', rejectType: 'RETRY' });
    const outcomes = [];
    for (let i = 0; i < 10; i++) outcomes.push((await deliver(a, 'sumsub', red)).json.outcome);
    expect(outcomes).toEqual(['applied', ...Array(9).fill('duplicate')]);
  });
});

describe('bodies changed after signing', () => {
  it.each([
    ['whitespace added between tokens', (s: string) => s.replace('{"applicantId"', '{ "applicantId"')],
    ['a trailing newline', (s: string) => `${s}\n`],
    ['keys reordered (same JSON)', (s: string) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(s)).reverse()))],
    ['a unicode escape for the same character', (s: string) => s.replace('"type"', '"\\u0074ype"')],
    ['a duplicate key appended that overrides the answer', (s: string) => s.replace(/}$/, ',"reviewResult":{"reviewAnswer":"GREEN"}}')],
  ])('Sumsub, %s: 401 and nothing stored', async (_l, change) => {
    const app = await applicationOf(a);
    const before = await eventCount(a);
    const good = fake.sumsubWebhook(app.applicantId, 'applicantReviewed', { answer: 'RED', rejectType: 'FINAL' });
    const changed = change(good.body);
    expect(changed).not.toBe(good.body);
    const r = await deliver(a, 'sumsub', { body: changed, headers: good.headers });
    expect(r.status).toBe(401);
    expect(await eventCount(a)).toBe(before);
    expect(await statusOf(a, app.id)).not.toBe('rejected');
  });

  it('ShuftiPro: a callback re-pointed at another reference under the old signature is 401', async () => {
    const email = `s-${randomBytes(4).toString('hex')}@example.com`;
    await addUser(shufti.id, { email, password: PASSWORD, firstName: 'S', lastName: 'P', roles: ['investor'] });
    const token = (await call(login, { host: shufti.host, body: { email, password: PASSWORD } })).json.token;
    const ref = (await call(startApplication, { host: shufti.host, token, body: {} })).json.application.id as string;
    const signed = fake.shuftiCallback(ref, 'verification.declined', { declinedReason: 'x' });
    const other = randomBytes(16).toString('hex');
    expect((await deliver(shufti, 'shuftipro', { body: signed.body.replace(ref, other), headers: signed.headers })).status).toBe(401);
    expect((await deliver(shufti, 'shuftipro', { body: signed.body.replace('declined', 'accepted'), headers: signed.headers })).status).toBe(401);
    const st = await withTenant(shufti.id, null, async (x) => (await x.tx.selectFrom('kyc_applications').select('status').where('tenant_id', '=', shufti.id).where('id', '=', ref).executeTakeFirstOrThrow()).status);
    expect(st).toBe('pending');
  });
});

describe('mangled signature headers', () => {
  it.each([
    ['an empty digest', (h: Record<string, string>) => ({ ...h, 'x-payload-digest': '' })],
    ['the digest with a sha256= prefix', (h: Record<string, string>) => ({ ...h, 'x-payload-digest': `sha256=${h['x-payload-digest']}` })],
    ['the digest truncated to 32 characters', (h: Record<string, string>) => ({ ...h, 'x-payload-digest': h['x-payload-digest']!.slice(0, 32) })],
    ['two digests joined by a comma', (h: Record<string, string>) => ({ ...h, 'x-payload-digest': `${'0'.repeat(64)}, ${h['x-payload-digest']}` })],
    ['an unknown algorithm name', (h: Record<string, string>) => ({ ...h, 'x-payload-digest-alg': 'NONE' })],
    ['the algorithm header removed', (h: Record<string, string>) => (({ 'x-payload-digest-alg': _x, ...rest }) => rest)(h)],
  ])('Sumsub with %s: 4xx, never applied', async (_l, mangle) => {
    const app = await applicationOf(a);
    const good = fake.sumsubWebhook(app.applicantId, 'applicantReviewed', { answer: 'GREEN' });
    const r = await deliver(a, 'sumsub', { body: good.body, headers: mangle(good.headers) });
    // Without the algorithm header the provider's documented default (SHA-256) may verify the genuine digest.
    if (_l === 'the algorithm header removed' && r.status === 200) return;
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(await statusOf(a, app.id)).not.toBe('approved');
  });
});

describe('validly signed bodies that are not events', () => {
  it.each([
    ['invalid JSON', 'not json {'],
    ['an empty body', ''],
    ['JSON null', 'null'],
    ['an array', '[]'],
    ['a string', '"applicantReviewed"'],
    ['an event without applicantId', JSON.stringify({ type: 'applicantReviewed', reviewResult: { reviewAnswer: 'GREEN' } })],
    ['a wrongly typed applicantId', JSON.stringify({ applicantId: { $ne: null }, type: 'applicantReviewed', createdAtMs: 'yesterday' })],
    ['deep nesting', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
  ])('Sumsub, %s: 4xx or ignored, never a 5xx', async (_l, body) => {
    const r = await deliver(a, 'sumsub', sumsubSign(body));
    expect(r.status).toBeLessThan(500);
    if (r.status === 200) expect(r.json.outcome).toBe('ignored');
    else expect(r.headers.get('content-type')).toBe('application/problem+json');
  });

  it.each([['invalid JSON', 'nope'], ['no reference', JSON.stringify({ event: 'verification.accepted' })], ['a numeric reference', JSON.stringify({ reference: 7, event: 'verification.accepted' })]])(
    'ShuftiPro, %s: 4xx or ignored, never a 5xx',
    async (_l, body) => {
      const r = await deliver(shufti, 'shuftipro', shuftiSign(body));
      expect(r.status).toBeLessThan(500);
      if (r.status === 200) expect(r.json.outcome).toBe('ignored');
    },
  );
});
