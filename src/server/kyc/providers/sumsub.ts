import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { hexDigestEquals } from './constant-time';
import { ProviderFailed, WebhookRejected, type KycProvider, type MappedStatus, type MappingOptions, type ProviderCheck, type ProviderEvent } from './types';

// Sumsub (docs.sumsub.com): API requests are signed with the app's secret key; webhooks
// carry an HMAC of the raw body under the webhook's own secret key.

export type SumsubCredentials = { appToken: string; secretKey: string; webhookSecret: string | null; baseUrl: string };

export const SUMSUB_DEFAULT_BASE_URL = 'https://api.sumsub.com';

/** X-App-Access-Sig: hex HMAC-SHA256(secret, ts + METHOD + pathWithQuery + body). */
export function sumsubRequestSignature(secretKey: string, ts: number, method: string, pathWithQuery: string, body: string): string {
  return createHmac('sha256', secretKey).update(`${ts}${method.toUpperCase()}${pathWithQuery}${body}`).digest('hex');
}

/** The webhook digest algorithms Sumsub names in X-Payload-Digest-Alg. */
export const SUMSUB_DIGEST_ALGORITHMS = { HMAC_SHA1_HEX: 'sha1', HMAC_SHA256_HEX: 'sha256', HMAC_SHA512_HEX: 'sha512' } as const;
export type SumsubDigestAlgorithm = keyof typeof SUMSUB_DIGEST_ALGORITHMS;

export function sumsubPayloadDigest(webhookSecret: string, rawBody: string, alg: SumsubDigestAlgorithm = 'HMAC_SHA256_HEX'): string {
  return createHmac(SUMSUB_DIGEST_ALGORITHMS[alg], webhookSecret).update(rawBody, 'utf8').digest('hex');
}

/**
 * Verifies X-Payload-Digest over the raw body. A missing X-Payload-Digest-Alg means
 * HMAC_SHA256_HEX, the algorithm Sumsub's webhook manager uses by default; an algorithm
 * we do not know is refused rather than guessed.
 */
export function verifySumsubDigest(webhookSecret: string | null, rawBody: string, headers: Headers): void {
  if (!webhookSecret) throw new WebhookRejected('webhook_secret_not_configured', 'No Sumsub webhook secret is configured; unsigned webhooks are never accepted');
  const digest = headers.get('x-payload-digest');
  if (!digest) throw new WebhookRejected('signature_missing', 'X-Payload-Digest is missing');
  const algHeader = (headers.get('x-payload-digest-alg') ?? 'HMAC_SHA256_HEX').trim();
  if (!Object.hasOwn(SUMSUB_DIGEST_ALGORITHMS, algHeader)) throw new WebhookRejected('signature_algorithm_unknown', `Unknown X-Payload-Digest-Alg ${algHeader.slice(0, 40)}`);
  if (!hexDigestEquals(sumsubPayloadDigest(webhookSecret, rawBody, algHeader as SumsubDigestAlgorithm), digest))
    throw new WebhookRejected('signature_invalid', 'X-Payload-Digest does not match the body');
}

const webhookPayload = z.looseObject({
  type: z.string().min(1).max(100),
  applicantId: z.string().min(1).max(200).optional(),
  externalUserId: z.string().max(250).optional(),
  correlationId: z.string().max(200).optional(),
  levelName: z.string().max(200).optional(),
  reviewStatus: z.string().max(50).optional(),
  createdAtMs: z.string().max(40).optional(),
  reviewResult: z
    .looseObject({
      reviewAnswer: z.string().max(20).optional(),
      reviewRejectType: z.string().max(20).optional(),
      rejectLabels: z.array(z.string().max(100)).max(50).optional(),
      moderationComment: z.string().max(2000).optional(),
    })
    .optional(),
});
type SumsubWebhook = z.infer<typeof webhookPayload>;

/** createdAtMs is "yyyy-MM-dd HH:mm:ss.SSS" in UTC. */
export function parseSumsubTime(v: string | undefined): Date | null {
  if (!v) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)Z?$/.exec(v.trim());
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function mapSumsubStatus(p: Pick<SumsubWebhook, 'type' | 'reviewResult'>): MappedStatus | null {
  switch (p.type) {
    case 'applicantCreated':
      return 'submitted';
    case 'applicantPending':
      return 'pending';
    case 'applicantReviewed': {
      const answer = p.reviewResult?.reviewAnswer;
      if (answer === 'GREEN') return 'approved';
      if (answer === 'RED') return p.reviewResult?.reviewRejectType === 'RETRY' ? 'retry' : 'rejected';
      return null;
    }
    default:
      return null;
  }
}

/**
 * What a GREEN applicantReviewed proves. Sumsub's payload names the level the applicant went
 * through (levelName) but not its steps; the steps are the level's configuration. A GREEN
 * review means every step of the level passed, so the tenant's enhanced level (identity,
 * selfie/liveness, proof of address, AML screening) proves all three checks, any other level
 * the identity only. Sumsub reports no proof-of-address issue date: its level applies its own
 * document-age rule.
 */
export function sumsubVerifiedChecks(p: Pick<SumsubWebhook, 'type' | 'levelName' | 'reviewResult'>, opts: MappingOptions = {}): ProviderCheck[] {
  if (mapSumsubStatus(p) !== 'approved') return [];
  const enhanced = !!opts.sumsubEnhancedLevelName && p.levelName === opts.sumsubEnhancedLevelName;
  const kinds = enhanced ? (['identity', 'liveness', 'proof_of_address'] as const) : (['identity'] as const);
  return kinds.map((kind) => ({ kind, issuedOn: null }));
}

export class SumsubProvider implements KycProvider {
  readonly name = 'sumsub' as const;
  constructor(
    private readonly creds: SumsubCredentials,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async request<T>(method: 'GET' | 'POST', pathWithQuery: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const ts = Math.floor(Date.now() / 1000);
    let res: Response;
    try {
      res = await this.fetchImpl(new URL(pathWithQuery, this.creds.baseUrl), {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          'x-app-token': this.creds.appToken,
          'x-app-access-ts': String(ts),
          'x-app-access-sig': sumsubRequestSignature(this.creds.secretKey, ts, method, pathWithQuery, text),
        },
        body: body === undefined ? undefined : text,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw new ProviderFailed('sumsub', `request failed (${(e as Error).name})`);
    }
    const json = await res.json().catch(() => null);
    if (!res.ok) throw new ProviderFailed('sumsub', `HTTP ${res.status}${json && typeof json === 'object' && 'description' in json ? `: ${String(json.description).slice(0, 200)}` : ''}`);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ProviderFailed('sumsub', 'unexpected response shape');
    return parsed.data;
  }

  async createApplicant(input: { reference: string; levelName: string; email: string }) {
    const q = new URLSearchParams({ levelName: input.levelName });
    const r = await this.request('POST', `/resources/applicants?${q}`, { externalUserId: input.reference, email: input.email }, z.looseObject({ id: z.string().min(1).max(200) }));
    return { applicantId: r.id };
  }

  async accessToken(input: { reference: string; levelName: string }) {
    const q = new URLSearchParams({ userId: input.reference, levelName: input.levelName, ttlInSecs: '1800' });
    const r = await this.request('POST', `/resources/accessTokens?${q}`, undefined, z.looseObject({ token: z.string().min(1) }));
    return { token: r.token };
  }

  verifyWebhook(rawBody: string, headers: Headers): SumsubWebhook {
    verifySumsubDigest(this.creds.webhookSecret, rawBody, headers);
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new WebhookRejected('webhook_payload_invalid', 'The webhook body is not JSON');
    }
    const parsed = webhookPayload.safeParse(json);
    if (!parsed.success) throw new WebhookRejected('webhook_payload_invalid', 'The webhook body is not a Sumsub applicant event');
    return parsed.data;
  }

  mapEvent(payload: unknown, rawBody: string, opts: MappingOptions = {}): ProviderEvent {
    const p = payload as SumsubWebhook;
    // correlationId is not always present; a digest of the signed body identifies a delivery
    // exactly (Sumsub resends the same body when it retries).
    const eventId = p.correlationId && p.createdAtMs ? `${p.correlationId}:${p.type}:${p.createdAtMs}` : `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
    const status = mapSumsubStatus(p);
    const rr = p.reviewResult;
    const reason = status === 'rejected' || status === 'retry' ? (rr?.moderationComment ?? (rr?.rejectLabels?.join(', ') || null)) : null;
    return {
      eventId,
      type: p.type,
      applicantKey: p.applicantId ?? null,
      occurredAt: parseSumsubTime(p.createdAtMs),
      status,
      reason,
      summary: { type: p.type, applicantId: p.applicantId ?? null, levelName: p.levelName ?? null, reviewStatus: p.reviewStatus ?? null, reviewAnswer: rr?.reviewAnswer ?? null, reviewRejectType: rr?.reviewRejectType ?? null, rejectLabels: rr?.rejectLabels ?? [], createdAtMs: p.createdAtMs ?? null },
      checks: sumsubVerifiedChecks(p, opts),
    };
  }
}
