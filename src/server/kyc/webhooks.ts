import { audit, type RequestMeta } from '../audit/service';
import type { Config } from '../config';
import { withTenant } from '../db/tenant';
import type { KycEventOutcome } from '../db/types';
import { recordProviderHit } from '../screening/service';
import type { TenantContext } from '../tenancy/resolve';
import { shouldApply } from './ordering';
import { webhookProviderFor } from './providers';
import type { WebhookProviderName } from './providers/types';
import { sumsubEnhancedLevelName } from './investor';
import { claimReceipt, findApplicationByApplicant, insertChecks, insertEvent, settleReceipt } from './repo';
import { transitionApplication } from './transition';

/** Sumsub review labels that are a screening finding (its AML check), not a document problem. */
const SUMSUB_SCREENING_LABELS = new Set(['SANCTIONS', 'PEP', 'ADVERSE_MEDIA']);
const screeningLabels = (summary: Record<string, unknown>): string[] =>
  Array.isArray(summary.rejectLabels) ? summary.rejectLabels.filter((l): l is string => typeof l === 'string' && SUMSUB_SCREENING_LABELS.has(l)) : [];

/**
 * One provider delivery, in one small transaction: verify the signature over the raw body
 * (a throw here rolls back, so a forged delivery stores nothing), claim the event id,
 * apply it to the application unless it is stale, record it. Providers time out after a
 * few seconds (Sumsub: 5 s), which this meets without a queue; a job queue (pg-boss) is
 * for when processing needs more than the state change.
 */
export async function ingestKycWebhook(tenant: TenantContext, providerName: WebhookProviderName, rawBody: string, headers: Headers, config: Config, meta: RequestMeta) {
  return withTenant(tenant.id, null, async (t) => {
    const provider = await webhookProviderFor(t, config, providerName);
    const payload = provider.verifyWebhook(rawBody, headers);
    const ev = provider.mapEvent(payload, rawBody, { sumsubEnhancedLevelName: sumsubEnhancedLevelName(tenant) });

    if (!(await claimReceipt(t, providerName, ev.eventId))) return { received: true, outcome: 'duplicate' as const };

    const app = ev.applicantKey ? await findApplicationByApplicant(t, providerName, ev.applicantKey) : undefined;
    let outcome: KycEventOutcome = 'ignored';
    if (app && ev.status) {
      outcome = shouldApply({ current: app.status, lastEventAt: app.last_event_at, next: ev.status, occurredAt: ev.occurredAt }) ? 'applied' : 'stale';
      if (outcome === 'applied' && ev.status !== app.status) {
        const final = ev.status === 'approved' || ev.status === 'rejected';
        // The provider's checks first, so the approval derives the level from them.
        if (ev.status === 'approved')
          await insertChecks(
            t,
            ev.checks.map((c) => ({ applicationId: app.id, documentId: null, kind: c.kind, outcome: 'passed' as const, issuedOn: c.issuedOn, source: 'provider' as const, reviewedBy: null, eventId: ev.eventId, note: null })),
          );
        await transitionApplication(t, app, ev.status, {
          reason: ev.status === 'approved' ? null : ev.reason,
          reviewedBy: null,
          final,
          lastEventAt: ev.occurredAt,
          evidence: { source: 'provider_webhook', eventId: ev.eventId, eventType: ev.type },
        });
        await audit(t, { actorId: null, action: 'kyc.provider_status', targetType: 'kyc_application', targetId: app.id, metadata: { provider: providerName, event: ev.type, from: app.status, to: ev.status, userId: app.user_id } }, meta);
      } else if (outcome === 'applied' && ev.occurredAt) {
        await transitionApplication(t, app, app.status, { reason: app.decision_reason, reviewedBy: app.reviewed_by, final: false, lastEventAt: ev.occurredAt, evidence: {} });
      }
    }
    // The provider's own sanctions / PEP finding joins the screening review queue, whatever
    // the event does to the application (a stale delivery still reports a real finding).
    if (app && providerName === 'sumsub') for (const label of screeningLabels(ev.summary)) await recordProviderHit(t, app.user_id, { provider: 'sumsub', label });
    await insertEvent(t, { applicationId: app?.id ?? null, provider: providerName, eventId: ev.eventId, type: ev.type, mappedStatus: ev.status, outcome, occurredAt: ev.occurredAt, payload: { ...ev.summary, checks: ev.checks } });
    await settleReceipt(t, providerName, ev.eventId, outcome);
    return { received: true, outcome };
  });
}
