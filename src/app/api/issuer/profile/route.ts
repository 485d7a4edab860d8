import { route, json } from '@/server/http/route';
import { createIssuerInput, updateIssuerInput } from '@/server/issuers/schema';
import { createIssuerProfile, getOwnIssuer, updateOwnIssuer } from '@/server/issuers/service';

export const GET = route({ roles: ['issuer'] }, async ({ tenant, principal }) => getOwnIssuer(tenant, principal));
export const POST = route({ roles: ['issuer'], body: createIssuerInput }, async ({ tenant, principal, body, meta }) =>
  json(await createIssuerProfile(tenant, principal, body, meta), { status: 201 }),
);
export const PATCH = route({ roles: ['issuer'], body: updateIssuerInput }, async ({ tenant, principal, body, meta }) => updateOwnIssuer(tenant, principal, body, meta));
