import { addCoveredPerson, ownCoveredPersons } from '@/server/compliance/covered-persons';
import { coveredPersonInput } from '@/server/compliance/schema';
import { json, route } from '@/server/http/route';

/** The caller's issuer's covered persons (17 CFR 230.506(d)(1)) with inquiries and events. */
export const GET = route({ roles: ['issuer'] }, async ({ tenant, principal }) => ownCoveredPersons(tenant, principal));

export const POST = route({ roles: ['issuer'], body: coveredPersonInput }, async ({ tenant, principal, body, meta }) => json(await addCoveredPerson(tenant, principal, body, meta), { status: 201 }));
