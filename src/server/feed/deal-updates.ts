// An issuer's deal update is also a feed post by the issuer's account, written in the update's own
// transaction: its followers see it first, everyone who may see the deal sees it in the feed.
import type { TenantTx } from '../db/tenant';
import { uuidv7 } from '../ids';
import { insertPost, reviseDealUpdatePost } from './repo';

export async function publishDealUpdate(t: TenantTx, u: { updateId: string; dealId: string; authorId: string; title: string; body: string }) {
  await insertPost(t, { id: uuidv7(), author_id: u.authorId, kind: 'deal_update', title: u.title, body: u.body, deal_id: u.dealId, deal_update_id: u.updateId });
}

export async function reviseDealUpdate(t: TenantTx, updateId: string, patch: { title?: string; body?: string }) {
  if (patch.title === undefined && patch.body === undefined) return;
  await reviseDealUpdatePost(t, updateId, patch);
}
