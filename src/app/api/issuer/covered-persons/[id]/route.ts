import { removeCoveredPerson } from '@/server/compliance/covered-persons';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** The person is no longer a covered person of the issuer (kept on record). */
export const DELETE = route({ roles: ['issuer'] }, async ({ tenant, principal, params, meta }) => removeCoveredPerson(tenant, principal, parseWith(idParams, params).id, meta));
