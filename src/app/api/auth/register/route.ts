import { registerUser } from '@/server/auth/register';
import { registerInput } from '@/server/auth/schema';
import { json, route } from '@/server/http/route';

export const POST = route({ body: registerInput }, async ({ tenant, body, meta }) => json(await registerUser(tenant, body, meta), { status: 201 }));
