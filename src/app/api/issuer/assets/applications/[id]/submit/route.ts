import { submitApplication } from '@/server/assets/service';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

// Submits a draft, or resubmits after the reviewers asked for changes.
export const POST = route({ roles: ['issuer'] }, async ({ tenant, principal, params, meta }) => submitApplication(tenant, principal, parseWith(idParams, params).id, meta));
