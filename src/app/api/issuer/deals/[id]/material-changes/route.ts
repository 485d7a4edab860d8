import { listMaterialChanges, recordMaterialChange } from '@/server/compliance/reg-cf-material-change';
import { materialChangeInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** A material change to a Reg CF offering: every outstanding commitment must be reconfirmed (17 CFR 227.304(c)). */
export const GET = route({ roles: ['issuer'] }, async ({ tenant, principal, params }) => listMaterialChanges(tenant, principal, parseWith(idParams, params).id));

export const POST = route({ roles: ['issuer'], body: materialChangeInput }, async ({ tenant, principal, params, body, meta }) =>
  json(await recordMaterialChange(tenant, principal, parseWith(idParams, params).id, body, meta), { status: 201 }),
);
