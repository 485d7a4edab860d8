import { certifyNoBadActors, ownCertification } from '@/server/compliance/bad-actor';
import { badActorCertificationInput } from '@/server/compliance/schema';
import { json, route } from '@/server/http/route';

/** The issuer's bad-actor certification (17 CFR 230.506(d), (e); 227.503). */
export const GET = route({ roles: ['issuer'] }, async ({ tenant, principal }) => ownCertification(tenant, principal));

export const POST = route({ roles: ['issuer'], body: badActorCertificationInput }, async ({ tenant, principal, body, meta }) =>
  json(await certifyNoBadActors(tenant, principal, body, meta), { status: 201 }),
);
