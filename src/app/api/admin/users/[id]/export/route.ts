import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { memberDataResponse } from '@/server/privacy/download';
import { memberDataArchive } from '@/server/privacy/service';

export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, params }) => memberDataResponse(await memberDataArchive(tenant, principal, parseWith(idParams, params).id)));
