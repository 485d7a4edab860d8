import { createPost } from '@/server/feed/service';
import { postInput } from '@/server/feed/schema';
import { json, route } from '@/server/http/route';

export const POST = route({ auth: 'user', feature: 'socialFeatures', body: postInput }, async ({ tenant, principal, body }) => json(await createPost(tenant, principal, body), { status: 201 }));
