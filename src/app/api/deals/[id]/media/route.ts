import { listDealMedia, uploadDealMedia } from '@/server/deal-content/media';
import { dealParams, mediaQuery } from '@/server/deal-content/schema';
import { readUploadBody } from '@/server/documents/upload-body';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ auth: 'optional' }, async ({ tenant, principal, params }) => listDealMedia(tenant, principal, parseWith(dealParams, params).id));

/** The image or video is the raw request body; ?caption=&position= describe it. */
export const POST = route({ auth: 'user', query: mediaQuery }, async ({ req, tenant, principal, params, query, meta }) => {
  const dealId = parseWith(dealParams, params).id;
  const bytes = await readUploadBody(req, 'media');
  return json(await uploadDealMedia(tenant, principal, dealId, query, bytes, meta), { status: 201 });
});
