import { z } from 'zod';
import { NOTIFICATION_TYPES } from '../notifications/catalog';

// The outgoing-webhook contract: endpoints of the tenant's own systems and their delivery log.

export const WEBHOOK_EVENT_TYPES = [...NOTIFICATION_TYPES, 'webhook.test'] as const;

export const createEndpointInput = z.object({
  url: z
    .string({ message: 'url is required' })
    .url('url must be an absolute URL')
    .max(2000, 'url is at most 2000 characters')
    .refine((u) => /^https?:\/\//i.test(u), 'url must be http or https'),
  description: z.string().trim().max(200, 'description is at most 200 characters').optional(),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES, { message: 'eventTypes names an unknown event type' })).max(WEBHOOK_EVENT_TYPES.length).default([]),
});

export const endpointView = z.object({
  id: z.string().uuid(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  createdAt: z.string().datetime(),
});

export const createdEndpoint = endpointView.extend({ secret: z.string().describe('whsec_… signing secret, shown only now') });

export const deliveryView = z.object({
  id: z.string().uuid(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string().datetime(),
  deliveredAt: z.string().datetime().nullable(),
  nextAttemptAt: z.string().datetime().nullable(),
});

export const idParams = z.object({ id: z.string().uuid('id must be a webhook endpoint id') });
