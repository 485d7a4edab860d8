import { AppError } from '../../errors';
import type { KycApplicationStatus, KycCheckKind, KycProviderName } from '../../db/types';

/** What a provider event means for one of our applications; null when it changes nothing. */
export type MappedStatus = Exclude<KycApplicationStatus, 'draft'>;

/** A provider event after its signature was checked, in our words. */
export type ProviderEvent = {
  /** Idempotency key of the delivery, unique per provider. */
  eventId: string;
  type: string;
  /** The value we stored as kyc_applications.external_applicant_id. */
  applicantKey: string | null;
  /** When the provider says it happened (Sumsub createdAtMs); null when the provider gives no time. */
  occurredAt: Date | null;
  status: MappedStatus | null;
  reason: string | null;
  /** What is kept in kyc_events: identifiers and outcomes only, no personal data. */
  summary: Record<string, unknown>;
  /** The checks an approving review passed (identity; for an enhanced level also liveness and proof of address). */
  checks: ProviderCheck[];
};

export type ProviderCheck = { kind: KycCheckKind; issuedOn: string | null };

/** Tenant settings a mapping needs (which Sumsub level is the enhanced one). */
export type MappingOptions = { sumsubEnhancedLevelName?: string | null };

export type WebhookProviderName = Exclude<KycProviderName, 'manual'>;

export interface KycProvider {
  readonly name: KycProviderName;
  /** Registers the applicant with the provider; returns the id its events will carry. */
  createApplicant(input: { reference: string; levelName: string; email: string }): Promise<{ applicantId: string }>;
  /** Sumsub: a short-lived token for the browser WebSDK. */
  accessToken?(input: { reference: string; levelName: string }): Promise<{ token: string }>;
  /** ShuftiPro: starts a hosted verification; the investor finishes it at verificationUrl. */
  requestVerification?(input: { reference: string; email: string; callbackUrl: string; proofOfAddress?: boolean; redirectUrl?: string }): Promise<{ verificationUrl: string | null; event: string }>;
  /** Checks the signature over the raw body first, then parses; throws WebhookRejected. */
  verifyWebhook(rawBody: string, headers: Headers): unknown;
  /** Maps a verified payload to our status vocabulary. */
  mapEvent(payload: unknown, rawBody: string, opts?: MappingOptions): ProviderEvent;
}

/** A webhook that is unsigned, forged or unparsable: answered 401/400, nothing stored. */
export class WebhookRejected extends AppError {
  constructor(code: 'signature_missing' | 'signature_invalid' | 'signature_algorithm_unknown' | 'webhook_secret_not_configured' | 'webhook_payload_invalid', message: string) {
    super(code === 'webhook_payload_invalid' ? 400 : 401, code, message);
  }
}

/** The provider answered something we cannot use (5xx, bad signature, unexpected shape). */
export class ProviderFailed extends AppError {
  constructor(provider: KycProviderName, detail: string, status = 502) {
    super(status, 'kyc_provider_failed', `The identity verification provider (${provider}) failed: ${detail}`);
  }
}
