import { getOwnDeclaration, putOwnDeclaration } from '@/server/compliance/declarations';
import { declarationInput } from '@/server/compliance/schema';
import { route } from '@/server/http/route';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => getOwnDeclaration(tenant, principal));

export const PUT = route({ auth: 'user', body: declarationInput }, async ({ tenant, principal, body, meta }) => putOwnDeclaration(tenant, principal, body, meta));
