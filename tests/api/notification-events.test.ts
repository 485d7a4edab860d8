import { beforeAll, describe, expect, it } from 'vitest';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { POST as postUpdate } from '../../src/app/api/deals/[id]/updates/route';
import { POST as confirm } from '../../src/app/api/admin/investments/[id]/confirm/route';
import { GET as list } from '../../src/app/api/notifications/route';
import { PUT as putPrefs } from '../../src/app/api/notifications/preferences/route';
import { getConfig } from '../../src/server/config';
import { ownerDb } from '../../src/server/db/pool';
import { deliverNotifications } from '../../src/server/notifications/outbox-delivery';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// The events that existed before notifications now reach people: an investment received and
// confirmed tells its investor; a deal update reaches everyone invested in the deal (one
// fan-out row in the request, expanded by the worker, each member's preferences applied).

let tenant: TestTenant;
let adminToken: string;
let issuerToken: string;
beforeAll(async () => {
  tenant = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuerToken = (await makeVerifiedIssuer(tenant, adminToken)).token;
});

const deliver = () => deliverNotifications({ db: ownerDb(), config: getConfig(), tenantIds: [tenant.id] });
const titles = async (token: string) => (await call(list, { host: tenant.host, path: '/api/notifications', token })).json.notifications.map((n: { title: string }) => n.title);

describe('existing events notify', () => {
  it('an investment received and then confirmed by an admin tells the investor, in-app and by email', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { title: 'Harbour Bakery' });
    const u = await makeUser(tenant);
    await ownerDb().updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', tenant.id).where('user_id', '=', u.id).execute();
    const token = await tokenFor(tenant, u.email);
    const r = await call(invest, { host: tenant.host, token, params: { id: deal.id }, body: { amount: '250', paymentMethod: 'wire' } });
    expect(r.status).toBe(201);
    const id = r.json.investment.id;
    const c = await call(confirm, { host: tenant.host, token: adminToken, params: { id }, body: {} });
    expect(c.status, JSON.stringify(c.json)).toBe(200);
    await deliver();
    expect(await titles(token)).toEqual(['Your investment in Harbour Bakery is confirmed', 'We received your investment in Harbour Bakery']);
    const mail = await ownerDb().selectFrom('email_outbox').select(['subject', 'body_text']).where('tenant_id', '=', tenant.id).where('to_address', '=', u.email).orderBy('created_at').execute();
    // Both mails are queued by one delivery round (one transaction, one created_at): compare them as a set.
    expect(mail.map((m) => m.subject).sort()).toEqual([`Tenant ${tenant.slug}: We received your investment in Harbour Bakery`, `Tenant ${tenant.slug}: Your investment in Harbour Bakery is confirmed`].sort());
    expect(mail.find((m) => m.subject.endsWith('is confirmed'))!.body_text).toContain('250.00 USD');
  }, 60_000);

  it('a deal update reaches each investor of the deal once, on the channels they chose, and not the poster nor other deals’ investors', async () => {
    const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { title: 'Cider Works' });
    const other = await makeActiveDeal(tenant, issuerToken, adminToken, { title: 'Other Deal' });
    const investors = await Promise.all([makeUser(tenant), makeUser(tenant), makeUser(tenant)]);
    const tokens = await Promise.all(investors.map((u) => tokenFor(tenant, u.email)));
    for (const token of tokens) expect((await call(invest, { host: tenant.host, token, params: { id: deal.id }, body: { amount: '100', paymentMethod: 'wire' } })).status).toBe(201);
    // Twice in the same deal: still one notification.
    expect((await call(invest, { host: tenant.host, token: tokens[0], params: { id: deal.id }, body: { amount: '100', paymentMethod: 'wire' } })).status).toBe(201);
    const outsider = await makeUser(tenant);
    const outsiderToken = await tokenFor(tenant, outsider.email);
    expect((await call(invest, { host: tenant.host, token: outsiderToken, params: { id: other.id }, body: { amount: '100', paymentMethod: 'wire' } })).status).toBe(201);
    // The third investor wants no deal updates by email.
    expect((await call(putPrefs, { host: tenant.host, token: tokens[2], method: 'PUT', body: { preferences: [{ type: 'deal.update', channel: 'email', enabled: false }] } })).status).toBe(200);
    await deliver();

    const posted = await call(postUpdate, { host: tenant.host, token: issuerToken, params: { id: deal.id }, body: { title: 'We opened', body: 'The taproom is open.' } });
    expect(posted.status).toBe(201);
    const fanouts = await ownerDb().selectFrom('notification_fanouts').select(['status']).where('tenant_id', '=', tenant.id).execute();
    expect(fanouts).toEqual([{ status: 'pending' }]);
    await deliver();
    await deliver();
    for (const token of tokens) expect((await titles(token)).filter((t: string) => t === 'Cider Works: We opened')).toHaveLength(1);
    expect(await titles(outsiderToken)).not.toContain('Cider Works: We opened');
    const mails = await ownerDb().selectFrom('email_outbox').select(['to_address', 'headers']).where('tenant_id', '=', tenant.id).where('subject', '=', `Tenant ${tenant.slug}: Cider Works: We opened`).execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual([investors[0]!.email, investors[1]!.email].sort());
    expect((mails[0]!.headers as Record<string, string>)['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  }, 90_000);
});
