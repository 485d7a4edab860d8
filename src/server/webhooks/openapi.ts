import { z } from 'zod';
import { createdEndpoint, createEndpointInput, deliveryView, endpointView } from './schema';

const idParam = z.object({ id: z.string().uuid() });

// The outgoing-webhook routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
export const webhookOps = [
  { tag: 'webhooks', method: 'get', path: '/api/admin/webhooks', summary: 'The tenant’s webhook endpoints', auth: ['tenant_admin'], response: z.object({ endpoints: z.array(endpointView) }) },
  { tag: 'webhooks', method: 'post', path: '/api/admin/webhooks', summary: 'Register an endpoint; the answer carries its whsec_ signing secret, shown only once. Deliveries are signed with the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature)', auth: ['tenant_admin'], body: createEndpointInput, response: createdEndpoint, status: 201 },
  { tag: 'webhooks', method: 'delete', path: '/api/admin/webhooks/{id}', summary: 'Remove an endpoint and its delivery log', auth: ['tenant_admin'], params: idParam },
  { tag: 'webhooks', method: 'post', path: '/api/admin/webhooks/{id}/test', summary: 'Send test event: queues a webhook.test delivery to this endpoint', auth: ['tenant_admin'], params: idParam, status: 202 },
  { tag: 'webhooks', method: 'get', path: '/api/admin/webhooks/{id}/deliveries', summary: 'The endpoint’s delivery log (status, attempts, last HTTP status, next retry)', auth: ['tenant_admin'], params: idParam, response: z.object({ deliveries: z.array(deliveryView) }) },
] as const;
