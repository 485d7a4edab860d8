import { liftHoldingStopTransfer } from '@/server/compliance/legends-502d';
import { liftStopTransferInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** Lifts the Rule 502(d) stop-transfer instruction of a Reg D holding (the investment id), with the reason (17 CFR 230.502(d)). */
export const POST = route({ roles: ['compliance_officer', 'tenant_admin'], body: liftStopTransferInput }, async ({ tenant, principal, params, body, meta }) =>
  liftHoldingStopTransfer(tenant, principal, parseWith(idParams, params).id, body.reason, meta),
);
