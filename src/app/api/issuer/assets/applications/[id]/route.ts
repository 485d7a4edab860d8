import { getApplication, updateOwnApplication } from '@/server/assets/service';
import { updateApplicationInput } from '@/server/assets/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ roles: ['issuer'] }, async ({ tenant, principal, params }) => getApplication(tenant, principal, parseWith(idParams, params).id));
export const PATCH = route({ roles: ['issuer'], body: updateApplicationInput }, async ({ tenant, principal, params, body, meta }) =>
  updateOwnApplication(tenant, principal, parseWith(idParams, params).id, body, meta),
);
