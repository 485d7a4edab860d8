import { z } from 'zod';
import { dealWithContent } from '@/server/deal-content/deal-page';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

const params = z.object({ id: z.string().min(1).max(120).regex(/^[a-z0-9-]+$/i, 'id must be a deal id or slug') });

export const GET = route({ auth: 'optional' }, async ({ tenant, principal, params: raw }) => dealWithContent(tenant, principal, parseWith(params, raw).id));
