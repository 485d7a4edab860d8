import { route } from '@/server/http/route';
import { auditLogView, auditQuery } from '@/server/tenancy/admin';

export const GET = route({ roles: ['tenant_admin', 'compliance_officer'], query: auditQuery }, async ({ tenant, principal, query }) => auditLogView(tenant, principal, query));
