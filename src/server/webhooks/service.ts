import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { getConfig } from '../config';
import { withTenant, type TenantTx } from '../db/tenant';
import { BadRequest, NotFound } from '../errors';
import { uuidv7 } from '../ids';
import { dataEncryptionKey, sealSecret } from '../kyc/credentials';
import type { TenantContext } from '../tenancy/resolve';
import { deleteEndpoint, endpointsFor, findEndpoint, insertDeliveries, insertEndpoint, listDeliveries, listEndpoints } from './repo';
import type { createEndpointInput } from './schema';
import { assertPublicTarget, systemResolver, type Resolver } from './url-guard';

// A tenant's outgoing webhooks: the endpoints its admins register, and the events queued for
// them in the transaction of the change (outbox). Sending is sender.ts.

export type TenantEvent = { type: string; key: string; data: Record<string, unknown> };

/** The sealed secret's associated data: a secret copied to another tenant's row does not open. */
export const secretAad = (tenantId: string, endpointId: string) => `webhook:${tenantId}:${endpointId}`;

/** Queues each event for every enabled endpoint of this tenant that takes its type; nothing when there is none. */
export async function queueTenantEvents(t: TenantTx, events: TenantEvent[]): Promise<void> {
  if (events.length === 0) return;
  const endpoints = await endpointsFor(t, [...new Set(events.map((e) => e.type))]);
  if (endpoints.length === 0) return;
  const at = new Date().toISOString();
  const rows = endpoints.flatMap((ep) =>
    events
      .filter((e) => ep.event_types.length === 0 || ep.event_types.includes(e.type))
      .map((e) => ({ endpointId: ep.id, eventType: e.type, eventKey: e.key, payload: JSON.stringify({ type: e.type, timestamp: at, data: e.data }) })),
  );
  await insertDeliveries(t, rows);
}

const endpointView = (e: { id: string; url: string; description: string | null; event_types: string[]; enabled: boolean; created_at: Date }) => ({
  id: e.id,
  url: e.url,
  description: e.description,
  eventTypes: e.event_types,
  enabled: e.enabled,
  createdAt: e.created_at.toISOString(),
});

/** `resolve`: the DNS to check the URL's host with (tests pass a stub). */
export async function createEndpoint(tenant: TenantContext, p: Principal, input: z.infer<typeof createEndpointInput>, meta: RequestMeta, resolve: Resolver = systemResolver) {
  const config = getConfig();
  if (config.APP_ENV === 'production' && !input.url.startsWith('https://')) throw new BadRequest('webhook_url_not_https', 'url must use https');
  // Checked again at every delivery (DNS may change); refusing now tells the admin at once.
  await assertPublicTarget(input.url, { allowPrivate: config.WEBHOOK_ALLOW_PRIVATE_URLS, resolve });
  const id = uuidv7();
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const sealed = sealSecret(secret, dataEncryptionKey(config), secretAad(tenant.id, id));
  return withTenant(tenant.id, p, async (t) => {
    await insertEndpoint(t, { id, url: input.url, description: input.description ?? null, secretSealed: sealed, eventTypes: input.eventTypes, createdBy: p.userId });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'webhook.endpoint_created', targetType: 'webhook_endpoint', targetId: id, metadata: { url: input.url, eventTypes: input.eventTypes } }, meta);
    const created = (await listEndpoints(t)).find((e) => e.id === id)!;
    return { ...endpointView(created), secret };
  });
}

export async function endpoints(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, p, async (t) => ({ endpoints: (await listEndpoints(t)).map(endpointView) }));
}

export async function removeEndpoint(tenant: TenantContext, p: Principal, id: string, meta: RequestMeta) {
  return withTenant(tenant.id, p, async (t) => {
    if (!(await deleteEndpoint(t, id))) throw new NotFound('Webhook endpoint not found');
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'webhook.endpoint_deleted', targetType: 'webhook_endpoint', targetId: id }, meta);
    return { deleted: true };
  });
}

/** "Send test event": a webhook.test delivery to this endpoint only, sent like any other. */
export async function sendTestEvent(tenant: TenantContext, p: Principal, id: string, meta: RequestMeta) {
  return withTenant(tenant.id, p, async (t) => {
    const ep = await findEndpoint(t, id);
    if (!ep) throw new NotFound('Webhook endpoint not found');
    const key = `webhook.test:${uuidv7()}`;
    await insertDeliveries(t, [{ endpointId: ep.id, eventType: 'webhook.test', eventKey: key, payload: JSON.stringify({ type: 'webhook.test', timestamp: new Date().toISOString(), data: { message: `A test event from ${tenant.name}` } }) }]);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'webhook.test_sent', targetType: 'webhook_endpoint', targetId: ep.id }, meta);
    return { queued: true };
  });
}

export async function endpointDeliveries(tenant: TenantContext, p: Principal, id: string) {
  return withTenant(tenant.id, p, async (t) => {
    if (!(await findEndpoint(t, id))) throw new NotFound('Webhook endpoint not found');
    const rows = await listDeliveries(t, id, 50);
    return {
      deliveries: rows.map((d) => ({
        id: d.id,
        eventType: d.event_type,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.last_status_code,
        lastError: d.last_error,
        createdAt: d.created_at.toISOString(),
        deliveredAt: d.delivered_at?.toISOString() ?? null,
        nextAttemptAt: d.status === 'pending' ? (d.next_attempt_at?.toISOString() ?? null) : null,
      })),
    };
  });
}
