import { createHash } from 'node:crypto';
import { z } from 'zod';
import { hexDigestEquals } from './constant-time';
import { ProviderFailed, WebhookRejected, type KycProvider, type MappedStatus, type ProviderCheck, type ProviderEvent } from './types';

// ShuftiPro (developers.shuftipro.com): requests use HTTP Basic auth with the client id and
// secret key; every response and callback carries a Signature header computed as
// hex SHA-256(raw body + hex SHA-256(secret key)).

export type ShuftiCredentials = { clientId: string; secretKey: string; baseUrl: string };

export const SHUFTI_DEFAULT_BASE_URL = 'https://api.shuftipro.com';

export function shuftiSignature(secretKey: string, rawBody: string): string {
  const hashedSecret = createHash('sha256').update(secretKey, 'utf8').digest('hex');
  return createHash('sha256').update(rawBody + hashedSecret, 'utf8').digest('hex');
}

export function verifyShuftiSignature(secretKey: string | null, rawBody: string, headers: Headers): void {
  if (!secretKey) throw new WebhookRejected('webhook_secret_not_configured', 'No ShuftiPro secret key is configured; unsigned callbacks are never accepted');
  const sig = headers.get('signature');
  if (!sig) throw new WebhookRejected('signature_missing', 'Signature header is missing');
  if (!hexDigestEquals(shuftiSignature(secretKey, rawBody), sig)) throw new WebhookRejected('signature_invalid', 'Signature does not match the body');
}

const callbackPayload = z.looseObject({
  reference: z.string().min(1).max(250),
  event: z.string().min(1).max(100),
  declined_reason: z.string().max(2000).nullish(),
  verification_url: z.string().max(2000).nullish(),
  // Per service: 1 accepted, 0 declined, null not processed; a service with several parts
  // (document, address) is an object of such values.
  verification_result: z.looseObject({ document: z.unknown().optional(), face: z.unknown().optional(), address: z.unknown().optional() }).nullish(),
  verification_data: z.looseObject({ address: z.looseObject({ issue_date: z.string().max(40).nullish() }).nullish() }).nullish(),
});
type ShuftiCallback = z.infer<typeof callbackPayload>;

export function mapShuftiStatus(event: string): MappedStatus | null {
  switch (event) {
    case 'verification.accepted':
      return 'approved';
    case 'verification.declined':
      return 'rejected';
    case 'request.pending':
    case 'request.received':
    case 'verification.status.changed':
      return 'pending';
    case 'request.invalid':
    case 'request.timeout':
    case 'verification.cancelled':
      return 'retry';
    default:
      return null;
  }
}

/** A service result is accepted when it is 1, or an object whose every result is 1 or not processed, with at least one 1. */
function serviceAccepted(v: unknown): boolean {
  if (v === 1 || v === '1') return true;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const leaves = Object.values(v as Record<string, unknown>).filter((x) => x !== null && x !== undefined && x !== '');
  return leaves.length > 0 && leaves.every((x) => x === 1 || x === '1' || (typeof x === 'object' && serviceAccepted(x)));
}

/**
 * What a verification.accepted callback proves, per service in verification_result: the
 * document service is the identity, face the liveness, address the proof of address (with
 * the issue date ShuftiPro read from it, in verification_data.address.issue_date).
 */
export function shuftiVerifiedChecks(p: Pick<ShuftiCallback, 'event' | 'verification_result' | 'verification_data'>): ProviderCheck[] {
  if (mapShuftiStatus(p.event) !== 'approved') return [];
  const r = p.verification_result;
  // Accepted without per-service results: all we asked for passed, and we always ask for a document.
  if (!r) return [{ kind: 'identity', issuedOn: null }];
  const checks: ProviderCheck[] = [];
  if (serviceAccepted(r.document)) checks.push({ kind: 'identity', issuedOn: null });
  if (serviceAccepted(r.face)) checks.push({ kind: 'liveness', issuedOn: null });
  if (serviceAccepted(r.address)) {
    const issued = p.verification_data?.address?.issue_date ?? null;
    checks.push({ kind: 'proof_of_address', issuedOn: issued && /^\d{4}-\d{2}-\d{2}$/.test(issued) ? issued : null });
  }
  return checks;
}

export class ShuftiProProvider implements KycProvider {
  readonly name = 'shuftipro' as const;
  constructor(
    private readonly creds: ShuftiCredentials,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private async post(path: string, body: unknown): Promise<ShuftiCallback> {
    const auth = Buffer.from(`${this.creds.clientId}:${this.creds.secretKey}`).toString('base64');
    let res: Response;
    try {
      res = await this.fetchImpl(new URL(path, this.creds.baseUrl), {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Basic ${auth}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (e) {
      throw new ProviderFailed('shuftipro', `request failed (${(e as Error).name})`);
    }
    const text = await res.text();
    // Responses are signed like callbacks: an unsigned or forged answer is not trusted.
    try {
      verifyShuftiSignature(this.creds.secretKey, text, res.headers);
    } catch {
      throw new ProviderFailed('shuftipro', `HTTP ${res.status} with a missing or wrong Signature`);
    }
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* reported below */
    }
    if (!res.ok) throw new ProviderFailed('shuftipro', `HTTP ${res.status}`);
    const parsed = callbackPayload.safeParse(json);
    if (!parsed.success) throw new ProviderFailed('shuftipro', 'unexpected response shape');
    return parsed.data;
  }

  /** ShuftiPro has no separate applicant: the verification reference is the applicant key. */
  async createApplicant(input: { reference: string }) {
    return { applicantId: input.reference };
  }

  async requestVerification(input: { reference: string; email: string; callbackUrl: string; proofOfAddress?: boolean; redirectUrl?: string }) {
    const r = await this.post('/', {
      reference: input.reference,
      callback_url: input.callbackUrl,
      // Where ShuftiPro sends the investor's browser when they finish: our status page.
      ...(input.redirectUrl ? { redirect_url: input.redirectUrl } : {}),
      email: input.email,
      verification_mode: 'any',
      // Empty values: the investor supplies them on ShuftiPro's hosted page.
      document: { supported_types: ['passport', 'id_card', 'driving_license'], name: '', dob: '', document_number: '', expiry_date: '', issue_date: '' },
      face: { proof: '' },
      // Enhanced verification adds the address service (utility bill, bank statement, ...).
      ...(input.proofOfAddress ? { address: { supported_types: ['utility_bill', 'bank_statement', 'rent_agreement', 'tax_bill'], full_address: '', name: '' } } : {}),
    });
    if (r.reference !== input.reference) throw new ProviderFailed('shuftipro', 'the response names another reference');
    return { verificationUrl: r.verification_url ?? null, event: r.event };
  }

  /** The current event of a reference (POST /status), for reconciliation. */
  async status(reference: string): Promise<{ event: string; status: MappedStatus | null }> {
    const r = await this.post('/status', { reference });
    return { event: r.event, status: mapShuftiStatus(r.event) };
  }

  verifyWebhook(rawBody: string, headers: Headers): ShuftiCallback {
    verifyShuftiSignature(this.creds.secretKey, rawBody, headers);
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new WebhookRejected('webhook_payload_invalid', 'The callback body is not JSON');
    }
    const parsed = callbackPayload.safeParse(json);
    if (!parsed.success) throw new WebhookRejected('webhook_payload_invalid', 'The callback body is not a ShuftiPro event');
    return parsed.data;
  }

  mapEvent(payload: unknown): ProviderEvent {
    const p = payload as ShuftiCallback;
    const status = mapShuftiStatus(p.event);
    return {
      // A reference moves through each event once; ShuftiPro resends the same pair on retry.
      eventId: `${p.reference}:${p.event}`,
      type: p.event,
      applicantKey: p.reference,
      occurredAt: null,
      status,
      reason: status === 'rejected' || status === 'retry' ? (p.declined_reason ?? null) : null,
      summary: { event: p.event, reference: p.reference, declinedReason: p.declined_reason ?? null },
      checks: shuftiVerifiedChecks(p),
    };
  }
}
