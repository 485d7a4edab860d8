import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as webhook } from '../../src/app/api/webhooks/email/resend/route';
import { resetConfigCache } from '../../src/server/config';
import { ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { deliverPending } from '../../src/server/notifications/delivery';
import { queueEmail } from '../../src/server/notifications/email';
import { emailLog } from '../../src/server/notifications/repo';
import { signStandardWebhook } from '../../src/server/notifications/standard-webhooks';
import type { MailTransport } from '../../src/server/notifications/transports';
import { call } from '../helpers/api';
import { makeTenant, type TestTenant } from '../helpers/tenants';

// Resend tells us what became of a sent email (delivered, bounced) through signed webhooks:
// email_logs keeps the send with the provider's id, then each verified event, once.

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
let a: TestTenant;
let b: TestTenant;
beforeAll(async () => {
  process.env.RESEND_WEBHOOK_SECRET = SECRET;
  resetConfigCache();
  a = await makeTenant();
  b = await makeTenant();
});
afterAll(() => {
  delete process.env.RESEND_WEBHOOK_SECRET;
  resetConfigCache();
});

/** A transport that answers like Resend: a provider id per message. */
const resendLike = (ids: Map<string, string>): MailTransport => ({
  name: 'resend',
  async send(m) {
    const id = `re_${randomBytes(6).toString('hex')}`;
    ids.set(m.id, id);
    return { providerMessageId: id };
  },
});

async function sentEmail(tenant: TestTenant): Promise<{ id: string; providerId: string }> {
  const id = await withTenant(tenant.id, null, (t) => queueEmail(t, { to: `x-${randomBytes(3).toString('hex')}@example.com`, template: 'test', subject: 'Hi', body: 'Body' }));
  const ids = new Map<string, string>();
  await deliverPending({ db: ownerDb(), transport: resendLike(ids), mailFrom: 'X <x@example.com>', tenantIds: [tenant.id] });
  return { id, providerId: ids.get(id)! };
}

function signed(body: unknown, opts: { id?: string; at?: number; secret?: string } = {}) {
  const raw = JSON.stringify(body);
  const id = opts.id ?? `msg_${randomBytes(8).toString('hex')}`;
  const at = opts.at ?? Math.floor(Date.now() / 1000);
  return { raw, headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(at), 'webhook-signature': signStandardWebhook(opts.secret ?? SECRET, id, at, raw) } };
}

const post = (tenant: TestTenant, s: { raw: string; headers: Record<string, string> }) => call(webhook, { host: tenant.host, path: '/api/webhooks/email/resend', rawBody: s.raw, headers: s.headers });
const log = (tenant: TestTenant, emailId: string) => withTenant(tenant.id, null, (t) => emailLog(t, emailId));

describe('Resend delivery webhooks', () => {
  it('records the send with the provider id, then a signed delivery and a bounce, each once', async () => {
    const e = await sentEmail(a);
    expect((await log(a, e.id)).map((l) => [l.status, l.provider, l.provider_message_id])).toEqual([['sent', 'resend', e.providerId]]);
    const delivered = signed({ type: 'email.delivered', created_at: new Date().toISOString(), data: { email_id: e.providerId } });
    expect((await post(a, delivered)).json).toEqual({ recorded: true, reason: null });
    expect((await post(a, delivered)).json).toEqual({ recorded: false, reason: 'already recorded' });
    const bounced = signed({ type: 'email.bounced', data: { email_id: e.providerId, bounce: { type: 'Permanent', message: 'mailbox does not exist' } } });
    expect((await post(a, bounced)).status).toBe(200);
    expect((await log(a, e.id)).map((l) => [l.status, l.detail])).toEqual([
      ['sent', null],
      ['delivered', null],
      ['bounced', 'Permanent: mailbox does not exist'],
    ]);
  });

  it('refuses a forged, altered or stale event and records nothing', async () => {
    const e = await sentEmail(a);
    const body = { type: 'email.delivered', data: { email_id: e.providerId } };
    const forged = signed(body, { secret: `whsec_${randomBytes(24).toString('base64')}` });
    const r1 = await post(a, forged);
    expect(r1.status).toBe(401);
    expect(r1.json.code).toBe('invalid_webhook_signature');
    const altered = signed(body);
    expect((await post(a, { ...altered, raw: altered.raw.replace('delivered', 'bounced') })).status).toBe(401);
    expect((await post(a, signed(body, { at: Math.floor(Date.now() / 1000) - 600 }))).status).toBe(401);
    expect((await post(a, { raw: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await log(a, e.id)).map((l) => l.status)).toEqual(['sent']);
  });

  it('does not touch another tenant’s email when the event arrives on this tenant’s host', async () => {
    const e = await sentEmail(a);
    const r = await post(b, signed({ type: 'email.bounced', data: { email_id: e.providerId } }));
    expect(r.json).toEqual({ recorded: false, reason: 'no such email here' });
    expect((await log(a, e.id)).map((l) => l.status)).toEqual(['sent']);
  });
});
