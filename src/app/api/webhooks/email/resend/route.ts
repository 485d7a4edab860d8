import { readRawBody } from '@/server/http/body';
import { route } from '@/server/http/route';
import { ingestResendEvent } from '@/server/notifications/resend-events';

const MAX_WEBHOOK_BYTES = 256 * 1024;

// Resend's delivery events (Standard Webhooks signature over the raw body, verified first).
export const POST = route({ limit: 'unlimited' }, async ({ req, tenant, meta, config }) => {
  const raw = (await readRawBody(req, MAX_WEBHOOK_BYTES)).toString('utf8');
  return ingestResendEvent(tenant, raw, req.headers, config, meta);
});
