import { dealReviewHistory } from '@/server/deals/review-history';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ roles: ['issuer', 'tenant_admin', 'compliance_officer'] }, async ({ tenant, principal, params }) => dealReviewHistory(tenant, principal, parseWith(idParams, params).id));
