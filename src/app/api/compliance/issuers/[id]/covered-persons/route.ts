import { issuerCoveredPersons } from '@/server/compliance/covered-persons';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** An issuer's covered persons, their inquiries, events and waivers (17 CFR 230.506(d)). */
export const GET = route({ roles: ['compliance_officer', 'tenant_admin'] }, async ({ tenant, principal, params }) => issuerCoveredPersons(tenant, principal, parseWith(idParams, params).id));
