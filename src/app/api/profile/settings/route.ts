import { getProfile, updateOwnProfile } from '@/server/auth/profile';
import { profilePatchInput } from '@/server/auth/schema';
import { route } from '@/server/http/route';

// The seed's /api/profile/settings: the same profile as /api/profile (docs/api-aliases.md).
export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => getProfile(tenant, principal));
export const PATCH = route({ auth: 'user', body: profilePatchInput }, async ({ tenant, principal, body, meta }) => updateOwnProfile(tenant, principal, body, meta));
