import { z } from 'zod';
import { readDealMediaFile } from '@/server/deal-content/media';
import { fileResponse } from '@/server/documents/file-response';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

const params = z.object({ cid: z.string().regex(/^b[a-z2-7]{20,120}$/, 'cid must be a CIDv1 in base32') });

/** Deal media of deals the caller may see (published: anyone on the tenant); images and MP4 inline. */
export const GET = route({ auth: 'optional' }, async ({ tenant, principal, params: raw }) => {
  const cid = parseWith(params, raw).cid;
  const file = await readDealMediaFile(tenant, principal, cid);
  return fileResponse(file.bytes, { mime: file.mime, fileName: cid, inline: true, cacheControl: 'private, max-age=300' });
});
