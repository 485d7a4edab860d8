import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shuftiSignature, ShuftiProProvider } from './shuftipro';
import { mapSumsubStatus, parseSumsubTime, sumsubPayloadDigest, sumsubRequestSignature, SumsubProvider } from './sumsub';
import { WebhookRejected } from './types';

// Vectors: the expected digests below were computed outside this code with openssl
// (`openssl dgst -sha256 -hmac <secret>`, `sha256sum`) from the algorithms the providers
// document: Sumsub's X-App-Access-Sig and X-Payload-Digest (docs.sumsub.com, "Authentication"
// and "Webhook manager: verify webhook sender"), ShuftiPro's Signature header
// (developers.shuftipro.com, "Response signature": sha256(response . sha256(secret_key))).
// Each is re-derived here with node:crypto too, so a wrong constant cannot pass silently.

const SUMSUB_BODY =
  '{"applicantId":"5cb56e8e0a975a35f333cb83","inspectionId":"5cb56e8e0a975a35f333cb84","correlationId":"req-a1b2c3","externalUserId":"0190f5a2-7c1e-7000-8000-000000000001","levelName":"basic-kyc-level","type":"applicantReviewed","reviewResult":{"reviewAnswer":"GREEN"},"reviewStatus":"completed","createdAtMs":"2024-05-14 16:00:25.032"}';
const SUMSUB_WEBHOOK_SECRET = 'whsec-sumsub-vector-1';
const SUMSUB_DIGESTS = {
  HMAC_SHA1_HEX: '5aec4bf9c1f3d0b3406b9a90e3118ca424f1329e',
  HMAC_SHA256_HEX: 'c50a860d8e6513781fb3b5b48d349fe0865f18847afc02de7eaa889423758223',
  HMAC_SHA512_HEX:
    '57b7062c2bb93b8f2aae6ee16720ef6b57fa3acf6dc62c14939ae674f00b9fe787b5db20778ccc84dfa64682df891ad46c956f03d362519e48683705e84b8887',
} as const;

const SHUFTI_BODY = '{"reference":"0190f5a2-7c1e-7000-8000-00000000abcd","event":"verification.accepted"}';
const SHUFTI_SECRET = 'shufti-secret-key-1';
const SHUFTI_HASHED_SECRET = '3d9d00352eefacc381c7a56ee462343602b8a6bdd13638b70276470b7d8b1269';
const SHUFTI_SIGNATURE = '5ce606b9e3d0d91bf70e7d8df0e0700f51e3b60e38e515f9fae4126267f79ddf';

const sumsub = (webhookSecret: string | null = SUMSUB_WEBHOOK_SECRET) => new SumsubProvider({ appToken: 'tok', secretKey: 'k', webhookSecret, baseUrl: 'http://127.0.0.1:1' });
const shufti = (secretKey = SHUFTI_SECRET) => new ShuftiProProvider({ clientId: 'c', secretKey, baseUrl: 'http://127.0.0.1:1' });

function rejection(fn: () => unknown): WebhookRejected {
  try {
    fn();
  } catch (e) {
    if (e instanceof WebhookRejected) return e;
    throw e;
  }
  throw new Error('expected the webhook to be rejected');
}

describe('Sumsub request signature (X-App-Access-Sig)', () => {
  it('is hex HMAC-SHA256 over ts + METHOD + path with query + body', () => {
    const sig = sumsubRequestSignature('sumsub-api-secret', 1607551635, 'post', '/resources/applicants?levelName=basic-kyc-level', '{"externalUserId":"ext-1"}');
    expect(sig).toBe('6d3e36fdb9153c359a571f78b916008a69b72e73fa79f03d8f80a2836f67d4de');
    expect(sig).toBe(createHmac('sha256', 'sumsub-api-secret').update('1607551635POST/resources/applicants?levelName=basic-kyc-level{"externalUserId":"ext-1"}').digest('hex'));
  });
});

describe('Sumsub webhook digest (X-Payload-Digest)', () => {
  it.each(Object.entries(SUMSUB_DIGESTS))('matches the independent %s vector and is accepted', (alg, expected) => {
    const nodeAlg = { HMAC_SHA1_HEX: 'sha1', HMAC_SHA256_HEX: 'sha256', HMAC_SHA512_HEX: 'sha512' }[alg]!;
    expect(createHmac(nodeAlg, SUMSUB_WEBHOOK_SECRET).update(SUMSUB_BODY).digest('hex')).toBe(expected);
    expect(sumsubPayloadDigest(SUMSUB_WEBHOOK_SECRET, SUMSUB_BODY, alg as keyof typeof SUMSUB_DIGESTS)).toBe(expected);
    const p = sumsub().verifyWebhook(SUMSUB_BODY, new Headers({ 'x-payload-digest': expected, 'x-payload-digest-alg': alg }));
    expect(p.type).toBe('applicantReviewed');
  });

  it('accepts an upper-case digest and a missing algorithm header as HMAC_SHA256_HEX (the documented default)', () => {
    expect(() => sumsub().verifyWebhook(SUMSUB_BODY, new Headers({ 'x-payload-digest': SUMSUB_DIGESTS.HMAC_SHA256_HEX.toUpperCase() }))).not.toThrow();
    expect(rejection(() => sumsub().verifyWebhook(SUMSUB_BODY, new Headers({ 'x-payload-digest': SUMSUB_DIGESTS.HMAC_SHA512_HEX }))).code).toBe('signature_invalid');
  });

  it('refuses a tampered body, a wrong secret, a missing digest, an unknown algorithm and an unconfigured secret', () => {
    const good = { 'x-payload-digest': SUMSUB_DIGESTS.HMAC_SHA256_HEX, 'x-payload-digest-alg': 'HMAC_SHA256_HEX' };
    expect(rejection(() => sumsub().verifyWebhook(SUMSUB_BODY.replace('GREEN', 'GREEM'), new Headers(good))).code).toBe('signature_invalid');
    expect(rejection(() => sumsub().verifyWebhook(SUMSUB_BODY + ' ', new Headers(good))).code).toBe('signature_invalid');
    expect(rejection(() => sumsub('another-secret').verifyWebhook(SUMSUB_BODY, new Headers(good))).code).toBe('signature_invalid');
    expect(rejection(() => sumsub().verifyWebhook(SUMSUB_BODY, new Headers({ 'x-payload-digest-alg': 'HMAC_SHA256_HEX' }))).code).toBe('signature_missing');
    expect(rejection(() => sumsub().verifyWebhook(SUMSUB_BODY, new Headers({ ...good, 'x-payload-digest-alg': 'HMAC_MD5_HEX' }))).code).toBe('signature_algorithm_unknown');
    expect(rejection(() => sumsub().verifyWebhook(SUMSUB_BODY, new Headers({ ...good, 'x-payload-digest-alg': 'constructor' }))).code).toBe('signature_algorithm_unknown');
    expect(rejection(() => sumsub(null).verifyWebhook(SUMSUB_BODY, new Headers(good))).code).toBe('webhook_secret_not_configured');
    expect(rejection(() => sumsub('').verifyWebhook(SUMSUB_BODY, new Headers(good))).code).toBe('webhook_secret_not_configured');
  });

  it('maps review outcomes, keeps the provider time and identifies a delivery stably (a replay has the same id)', () => {
    expect(mapSumsubStatus({ type: 'applicantReviewed', reviewResult: { reviewAnswer: 'GREEN' } })).toBe('approved');
    expect(mapSumsubStatus({ type: 'applicantReviewed', reviewResult: { reviewAnswer: 'RED', reviewRejectType: 'FINAL' } })).toBe('rejected');
    expect(mapSumsubStatus({ type: 'applicantReviewed', reviewResult: { reviewAnswer: 'RED', reviewRejectType: 'RETRY' } })).toBe('retry');
    expect(mapSumsubStatus({ type: 'applicantPending' })).toBe('pending');
    expect(mapSumsubStatus({ type: 'applicantCreated' })).toBe('submitted');
    expect(mapSumsubStatus({ type: 'applicantPersonalInfoChanged' })).toBeNull();
    expect(parseSumsubTime('2024-05-14 16:00:25.032')?.toISOString()).toBe('2024-05-14T16:00:25.032Z');
    const p = sumsub().verifyWebhook(SUMSUB_BODY, new Headers({ 'x-payload-digest': SUMSUB_DIGESTS.HMAC_SHA256_HEX }));
    const a = sumsub().mapEvent(p, SUMSUB_BODY);
    expect(a).toMatchObject({ applicantKey: '5cb56e8e0a975a35f333cb83', status: 'approved', occurredAt: new Date('2024-05-14T16:00:25.032Z') });
    expect(sumsub().mapEvent(p, SUMSUB_BODY).eventId).toBe(a.eventId);
    const noCorrelation = JSON.stringify({ type: 'applicantPending', applicantId: 'x' });
    expect(sumsub().mapEvent(JSON.parse(noCorrelation), noCorrelation).eventId).toBe(`sha256:${createHash('sha256').update(noCorrelation).digest('hex')}`);
  });
});

describe('ShuftiPro Signature', () => {
  it('is hex SHA-256(raw body + hex SHA-256(secret key)), matching the independent vector', () => {
    expect(createHash('sha256').update(SHUFTI_SECRET).digest('hex')).toBe(SHUFTI_HASHED_SECRET);
    expect(createHash('sha256').update(SHUFTI_BODY + SHUFTI_HASHED_SECRET).digest('hex')).toBe(SHUFTI_SIGNATURE);
    expect(shuftiSignature(SHUFTI_SECRET, SHUFTI_BODY)).toBe(SHUFTI_SIGNATURE);
    const p = shufti().verifyWebhook(SHUFTI_BODY, new Headers({ signature: SHUFTI_SIGNATURE }));
    expect(shufti().mapEvent(p)).toMatchObject({ eventId: '0190f5a2-7c1e-7000-8000-00000000abcd:verification.accepted', applicantKey: '0190f5a2-7c1e-7000-8000-00000000abcd', status: 'approved', occurredAt: null });
  });

  it('refuses a tampered body, a wrong secret, the older secret-less scheme, a missing header and an unconfigured secret', () => {
    expect(rejection(() => shufti().verifyWebhook(SHUFTI_BODY.replace('accepted', 'declined'), new Headers({ signature: SHUFTI_SIGNATURE }))).code).toBe('signature_invalid');
    expect(rejection(() => shufti('wrong').verifyWebhook(SHUFTI_BODY, new Headers({ signature: SHUFTI_SIGNATURE }))).code).toBe('signature_invalid');
    const bodyOnly = createHash('sha256').update(SHUFTI_BODY).digest('hex');
    expect(rejection(() => shufti().verifyWebhook(SHUFTI_BODY, new Headers({ signature: bodyOnly }))).code).toBe('signature_invalid');
    expect(rejection(() => shufti().verifyWebhook(SHUFTI_BODY, new Headers())).code).toBe('signature_missing');
    expect(rejection(() => shufti('').verifyWebhook(SHUFTI_BODY, new Headers({ signature: SHUFTI_SIGNATURE }))).code).toBe('webhook_secret_not_configured');
  });

  it('maps ShuftiPro events to our statuses', () => {
    const map = (event: string) => shufti().mapEvent({ reference: 'r', event }).status;
    expect([map('verification.accepted'), map('verification.declined'), map('request.pending'), map('verification.status.changed'), map('request.invalid'), map('request.timeout'), map('request.deleted')]).toEqual([
      'approved',
      'rejected',
      'pending',
      'pending',
      'retry',
      'retry',
      null,
    ]);
  });
});
