import { assetDetail } from '@/server/assets/service';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

// Overview, documents, updates, transactions; holders for the issuer and transfer agents.
export const GET = route({ auth: 'user' }, async ({ tenant, principal, params }) => assetDetail(tenant, principal, parseWith(idParams, params).id));
