import { withPlatformRead, withTenant } from '../db/tenant';
import { allTenantIds } from '../escrow/repo';
import { tenantEmailBrand } from '../notifications/email';
import { composeCampaign } from './compose';
import { claimDueCampaign, finishSending, queueCampaignBatch, startSending } from './repo';

// The sending job (pg-boss, jobs/worker.ts): per tenant, each due campaign is drawn once in the
// tenant's layout (frozen on the row), then queued to the mail outbox in batches, one
// transaction per batch holding the campaign's row lock, so two workers never queue the same
// batch and a crash resumes after the last queued recipient. The mailer sends what is queued.

export const SEND_BATCH = 10_000;

export type SendReport = { campaigns: number; queued: number; failures: { tenantId: string; error: string }[] };

/** One batch of the tenant's next due campaign; null when none is due (or another worker holds it). */
export async function queueNextBatch(tenantId: string, batch = SEND_BATCH): Promise<{ campaignId: string; queued: number; finished: boolean } | null> {
  return withTenant(tenantId, null, async (t) => {
    const c = await claimDueCampaign(t);
    if (!c) return null;
    const brand = await tenantEmailBrand(t);
    let rendered = { subject: c.rendered_subject, html: c.rendered_html, text: c.rendered_text, links: c.links };
    if (c.status === 'scheduled' || rendered.subject === null || rendered.html === null || rendered.text === null) {
      const composed = await composeCampaign(brand, { subject: c.subject, bodyMarkdown: c.body_markdown });
      await startSending(t, c.id, composed);
      rendered = composed;
    }
    const queued = await queueCampaignBatch(t, {
      id: c.id,
      segment: c.segment,
      target: { groupId: c.segment_group_id, issuerUserId: c.segment_issuer_user_id },
      subject: rendered.subject!,
      html: rendered.html!,
      text: rendered.text!,
      links: rendered.links,
      origin: brand.origin,
      limit: batch,
    });
    const finished = queued < batch;
    if (finished) await finishSending(t, c.id);
    return { campaignId: c.id, queued, finished };
  });
}

export async function runNewsletterSends(opts: { tenantIds?: string[]; batch?: number } = {}): Promise<SendReport> {
  const ids = opts.tenantIds ?? (await withPlatformRead(allTenantIds));
  const report: SendReport = { campaigns: 0, queued: 0, failures: [] };
  for (const tenantId of ids) {
    try {
      for (;;) {
        const r = await queueNextBatch(tenantId, opts.batch);
        if (!r) break;
        report.queued += r.queued;
        if (r.finished) report.campaigns++;
      }
    } catch (e) {
      report.failures.push({ tenantId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return report;
}
