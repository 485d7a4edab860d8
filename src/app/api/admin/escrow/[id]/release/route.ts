import { releaseEscrowByAdmin } from '@/server/escrow/admin';
import { escrowReleaseInput } from '@/server/escrow/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ roles: ['tenant_admin'], body: escrowReleaseInput }, async ({ tenant, principal, params, body, meta }) =>
  releaseEscrowByAdmin(tenant, principal, parseWith(idParams, params).id, body?.note, meta),
);
