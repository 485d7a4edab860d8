// Turns post rows into what one viewer is shown: a post whose linked deal (or whose shared original's
// deal) the viewer may not see is left out whole, so a member-only deal never leaks through the feed.
import type { Principal } from '../auth/principal';
import type { TenantTx } from '../db/tenant';
import { isModerator, type DealVisibility } from './access';
import { blocks, findPosts, postStats, type PostRow } from './repo';
import { postView, sharedView, type PostView, type SharedPostView } from './views';

export type Viewer = { p: Principal; moderator: boolean; dealOf: DealVisibility };

export const viewerOf = (p: Principal, dealOf: DealVisibility): Viewer => ({ p, moderator: isModerator(p), dealOf });

/** One view per row, or null where the row must not be shown to this viewer; order kept. */
export async function hydratePosts(t: TenantTx, v: Viewer, rows: PostRow[]): Promise<(PostView | null)[]> {
  const originals = new Map((await findPosts(t, [...new Set(rows.flatMap((r) => (r.shared_post_id ? [r.shared_post_id] : [])))])).map((o) => [o.id, o]));
  const stats = await postStats(t, rows.map((r) => r.id), v.p.userId);
  const out: (PostView | null)[] = [];
  for (const r of rows) {
    const deal = r.deal_id ? await v.dealOf(t, r.deal_id) : null;
    if (r.deal_id && !deal) {
      out.push(null);
      continue;
    }
    let shared: SharedPostView | null = null;
    const original = r.shared_post_id ? originals.get(r.shared_post_id) : undefined;
    if (original) {
      const originalDeal = original.deal_id ? await v.dealOf(t, original.deal_id) : null;
      if (original.deal_id && !originalDeal) {
        out.push(null);
        continue;
      }
      const shown = (original.status === 'visible' || original.author_id === v.p.userId) && !(await blocks(t, v.p.userId, original.author_id));
      shared = shown ? sharedView(original, originalDeal) : null;
    }
    out.push(postView(r, { id: v.p.userId, moderator: v.moderator }, { deal, shared, stats: stats.get(r.id) }));
  }
  return out;
}
