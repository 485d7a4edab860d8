import { memberDataResponse } from '@/server/privacy/download';
import { memberDataArchive } from '@/server/privacy/service';
import { route } from '@/server/http/route';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => memberDataResponse(await memberDataArchive(tenant, principal, principal.userId)));
