import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { parseIdempotencyKey } from '@/server/idempotency/service';
import { corporateActionInput } from '@/server/transfer-agents/schema';
import { recordCorporateAction } from '@/server/transfer-agents/service';

export const POST = route({ roles: ['transfer_agent'], body: corporateActionInput }, async ({ req, tenant, principal, params, body, meta }) => {
  const key = parseIdempotencyKey(req.headers.get('idempotency-key'));
  const r = await recordCorporateAction(tenant, principal, parseWith(idParams, params).id, body, key, meta);
  // A replayed refusal is the stored problem; like every problem it names this request's id.
  const answer = r.status >= 400 ? { ...(r.body as Record<string, unknown>), requestId: meta.requestId } : r.body;
  return json(answer, {
    status: r.status,
    headers: { ...(r.replayed ? { 'idempotent-replayed': 'true' } : {}), ...(r.status >= 400 ? { 'content-type': 'application/problem+json' } : {}) },
  });
});
