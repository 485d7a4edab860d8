import { WebhookRejected, type KycProvider, type ProviderEvent } from './types';

/**
 * The local default: documents are uploaded to us and a compliance officer decides.
 * There is no remote applicant (the reference is the key) and no webhook.
 */
export class ManualProvider implements KycProvider {
  readonly name = 'manual' as const;

  async createApplicant(input: { reference: string }) {
    return { applicantId: input.reference };
  }

  verifyWebhook(): never {
    throw new WebhookRejected('webhook_secret_not_configured', 'Manual review has no webhooks');
  }

  mapEvent(): ProviderEvent {
    throw new WebhookRejected('webhook_payload_invalid', 'Manual review has no webhooks');
  }
}
