import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { requireVisibleDeal } from '../deals/browse';
import { fileStore } from '../documents/file-store';
import { NotFound } from '../errors';
import { uuidv7 } from '../ids';
import type { TenantContext } from '../tenancy/resolve';
import { withOwnDeal, withVisibleDeal } from './access';
import { deleteMedia, insertMedia, listMedia, mediaByCid, updateMedia, type MediaRow } from './repo';

function mediaView(m: MediaRow) {
  return { id: m.id, kind: m.kind, cid: m.cid, mime: m.mime, caption: m.caption, position: m.position, url: `/api/files/${m.cid}`, createdAt: m.created_at.toISOString() };
}

export function listDealMedia(tenant: TenantContext, p: Principal | null, dealId: string) {
  return withVisibleDeal(tenant, p, dealId, async (t, { deal }) => ({ media: (await listMedia(t, deal.id)).map(mediaView) }));
}

/** An image or MP4 video, type-checked by its content (50 MiB at most). */
export function uploadDealMedia(tenant: TenantContext, p: Principal, dealId: string, input: { caption?: string; position?: number }, bytes: Uint8Array, meta: RequestMeta) {
  return withOwnDeal(tenant, p, dealId, async (t, deal) => {
    const stored = await fileStore().put(bytes, { purpose: 'media' });
    const row = await insertMedia(t, {
      id: uuidv7(),
      deal_id: deal.id,
      kind: stored.mime.startsWith('video/') ? 'video' : 'image',
      cid: stored.cid,
      mime: stored.mime,
      caption: input.caption || null,
      position: input.position ?? 0,
    });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.media_added', targetType: 'deal', targetId: deal.id, metadata: { mediaId: row.id, cid: row.cid } }, meta);
    return mediaView(row);
  });
}

export function changeDealMedia(tenant: TenantContext, p: Principal, dealId: string, mediaId: string, patch: { caption?: string | null; position?: number }, meta: RequestMeta) {
  return withOwnDeal(tenant, p, dealId, async (t, deal) => {
    const row = await updateMedia(t, deal.id, mediaId, { caption: patch.caption === undefined ? undefined : patch.caption || null, position: patch.position });
    if (!row) throw new NotFound('Media not found');
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.media_changed', targetType: 'deal', targetId: deal.id, metadata: { mediaId, fields: Object.keys(patch) } }, meta);
    return mediaView(row);
  });
}

export function removeDealMedia(tenant: TenantContext, p: Principal, dealId: string, mediaId: string, meta: RequestMeta) {
  return withOwnDeal(tenant, p, dealId, async (t, deal) => {
    if (!(await deleteMedia(t, deal.id, mediaId))) throw new NotFound('Media not found');
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'deal.media_removed', targetType: 'deal', targetId: deal.id, metadata: { mediaId } }, meta);
  });
}

/**
 * GET /api/files/[cid]: the bytes of a deal's media, for anyone who may see one of the deals
 * showing it (published deals: everyone on the tenant). Other files are never served here.
 */
export async function readDealMediaFile(tenant: TenantContext, p: Principal | null, cid: string) {
  const mime = await withTenant(tenant.id, { userId: p?.userId ?? null }, async (t) => {
    for (const m of await mediaByCid(t, cid)) {
      try {
        await requireVisibleDeal(t, p, m.deal_id);
        return m.mime;
      } catch (e) {
        if (!(e instanceof NotFound)) throw e;
      }
    }
    return null;
  });
  const bytes = mime ? await fileStore().get(cid) : null;
  if (!mime || !bytes) throw new NotFound('File not found');
  return { bytes, mime };
}
