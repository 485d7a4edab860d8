import { idParams } from '@/server/http/params';
import { json, route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { parseIdempotencyKey } from '@/server/idempotency/service';
import { invest } from '@/server/investments/invest';
import { investInput } from '@/server/investments/schema';

export const POST = route({ auth: 'user', body: investInput }, async ({ req, tenant, principal, params, body, meta }) => {
  const key = parseIdempotencyKey(req.headers.get('idempotency-key'));
  const r = await invest(tenant, principal, parseWith(idParams, params).id, body, key, meta);
  // A replayed refusal is the stored problem; like every problem it names this request's id.
  const answer = r.status >= 400 ? { ...(r.body as Record<string, unknown>), requestId: meta.requestId } : r.body;
  return json(answer, {
    status: r.status,
    headers: { ...(r.replayed ? { 'idempotent-replayed': 'true' } : {}), ...(r.status >= 400 ? { 'content-type': 'application/problem+json' } : {}) },
  });
});
