import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { NotFound } from '../errors';
import { uuidv7 } from '../ids';
import { notifyAudience } from '../notifications/notify';
import { publishDealUpdate, reviseDealUpdate } from '../feed/service';
import type { TenantContext } from '../tenancy/resolve';
import { withOwnDeal, withVisibleDeal } from './access';
import { renderMarkdown } from './markdown';
import { insertUpdate, listUpdates, updateUpdate, type UpdateRow } from './repo';

function updateView(u: UpdateRow) {
  return { id: u.id, title: u.title, body: u.body, bodyHtml: renderMarkdown(u.body), authorId: u.author_id, publishedAt: u.published_at.toISOString() };
}

export function listDealUpdates(tenant: TenantContext, p: Principal | null, dealId: string) {
  return withVisibleDeal(tenant, p, dealId, async (t, { deal }) => ({ updates: (await listUpdates(t, deal.id)).map(updateView) }));
}

/** An announcement by the deal's issuer; the body is Markdown, served sanitized as bodyHtml. */
export function postDealUpdate(tenant: TenantContext, p: Principal, dealId: string, input: { title: string; body: string }, meta: RequestMeta) {
  return withOwnDeal(tenant, p, dealId, async (t, deal) => {
    const row = await insertUpdate(t, { id: uuidv7(), deal_id: deal.id, author_id: p.userId, title: input.title, body: input.body });
    // The issuer's followers read it in their feed (written in this transaction: both or neither).
    await publishDealUpdate(t, { updateId: row.id, dealId: deal.id, authorId: p.userId, title: row.title, body: row.body });
    // Everyone invested in the deal hears of it; one fan-out row, expanded after the commit.
    await notifyAudience(t, {
      type: 'deal.update',
      audience: { dealInvestorsOf: deal.id },
      exceptUserId: p.userId,
      title: `${deal.title}: ${input.title}`,
      body: input.body.length > 400 ? `${input.body.slice(0, 400)}…` : input.body,
      link: `/deals/${deal.slug}`,
      dedupeKey: `deal.update:${row.id}`,
      data: { dealId: deal.id, updateId: row.id, dealTitle: deal.title, updateTitle: input.title },
    });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.update_posted', targetType: 'deal', targetId: deal.id, metadata: { updateId: row.id } }, meta);
    return updateView(row);
  });
}

/** Corrects an announcement's title or text (its publication time stays); audited with the fields changed. */
export function editDealUpdate(tenant: TenantContext, p: Principal, dealId: string, updateId: string, patch: { title?: string; body?: string }, meta: RequestMeta) {
  return withOwnDeal(tenant, p, dealId, async (t, deal) => {
    const row = await updateUpdate(t, deal.id, updateId, patch);
    if (!row) throw new NotFound('Update not found');
    await reviseDealUpdate(t, row.id, patch);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.update_changed', targetType: 'deal', targetId: deal.id, metadata: { updateId, fields: Object.keys(patch) } }, meta);
    return updateView(row);
  });
}
