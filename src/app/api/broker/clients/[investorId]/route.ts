import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { investorIdParams } from '@/server/brokers/schema';
import { clientInvestments, detachOwnClient } from '@/server/brokers/service';

export const GET = route({ roles: ['broker'] }, async ({ tenant, principal, params, meta }) => clientInvestments(tenant, principal, parseWith(investorIdParams, params).investorId, meta));
export const DELETE = route({ roles: ['broker'] }, async ({ tenant, principal, params, meta }) => detachOwnClient(tenant, principal, parseWith(investorIdParams, params).investorId, meta));
