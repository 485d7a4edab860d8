import { beforeAll, describe, expect, it } from 'vitest';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { POST as recordFiling } from '../../src/app/api/compliance/deals/[id]/form-d-filings/route';
import { POST as submitAccreditation } from '../../src/app/api/investor/accreditation/route';
import { POST as decideAccreditation } from '../../src/app/api/compliance/accreditations/[id]/decision/route';
import { GET as summaryRoute } from '../../src/app/api/compliance/deals/[id]/summary/route';
import { runComplianceSweep } from '../../src/server/compliance/sweep';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';
import { getConfig } from '../../src/server/config';
import { ownerDb } from '../../src/server/db/pool';
import { deliverNotifications } from '../../src/server/notifications/outbox-delivery';

// 230.503: the day after a Form D due day with no filing recorded, the tenant's compliance
// officers get one email (the compliance sweep), never a second.

let tenant: TestTenant;
let adminToken: string;
let issuerToken: string;
let officers: { email: string; token: string }[];

beforeAll(async () => {
  tenant = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuerToken = (await makeVerifiedIssuer(tenant, adminToken)).token;
  officers = [];
  for (let i = 0; i < 2; i++) {
    const u = await makeUser(tenant, ['compliance_officer']);
    officers.push({ email: u.email, token: await tokenFor(tenant, u.email) });
  }
});

async function soldOn(firstSale: Date) {
  const deal = await makeActiveDeal(tenant, issuerToken, adminToken, { compliance: { regimes: ['reg_d_506c'] } });
  const u = await makeUser(tenant);
  const token = await tokenFor(tenant, u.email);
  const a = await call(submitAccreditation, { host: tenant.host, token, body: { method: 'income_documents', documentReference: 'cid:tax', documentDate: new Date().toISOString().slice(0, 10) } });
  expect((await call(decideAccreditation, { host: tenant.host, token: officers[0]!.token, params: { id: a.json.id }, body: { decision: 'approve' } })).status).toBe(200);
  const sold = await call(invest, { host: tenant.host, token, params: { id: deal.id }, body: { amount: '1000', paymentMethod: 'wire' } });
  expect(sold.status).toBe(201);
  await withTenant(tenant.id, null, (t) => t.tx.updateTable('investments').set({ created_at: firstSale }).where('tenant_id', '=', tenant.id).where('id', '=', sold.json.investment.id).execute());
  return deal;
}
/** The Form D alerts (admin.alert notifications) as the mails they become, by recipient. */
const overdueMail = async () => {
  await deliverNotifications({ db: ownerDb(), config: getConfig(), tenantIds: [tenant.id] });
  const rows = await ownerDb().selectFrom('email_outbox').select(['to_address', 'subject', 'body_text']).where('tenant_id', '=', tenant.id).where('template', '=', 'admin.alert').where('subject', 'like', '%Form D overdue%').orderBy('to_address').execute();
  return rows;
};

describe('Form D overdue notice (230.503)', () => {
  it('tells every compliance officer once, the day after the due day (moved past Juneteenth), not on it; a recorded filing stops it', async () => {
    // First sale Thursday 4 June 2026: 15 days on is Friday 19 June, a federal holiday, so due Monday 22 June.
    const late = await soldOn(new Date('2026-06-04T12:00:00Z'));
    const filed = await soldOn(new Date('2026-06-04T12:00:00Z'));
    expect((await call(recordFiling, { host: tenant.host, token: officers[0]!.token, params: { id: filed.id }, body: { kind: 'initial', secFileNumber: '021-654321', filedOn: '2026-06-22' } })).status).toBe(201);

    const onDueDay = await runComplianceSweep({ now: new Date('2026-06-22T23:59:59.999Z'), tenantIds: [tenant.id] });
    expect(onDueDay).toMatchObject({ formDNotices: 0, failures: [] });
    expect(await overdueMail()).toEqual([]);

    const dayAfter = await runComplianceSweep({ now: new Date('2026-06-23T00:00:00Z'), tenantIds: [tenant.id] });
    expect(dayAfter.formDNotices).toBe(1);
    const mail = await overdueMail();
    expect(mail.map((m) => m.to_address)).toEqual(officers.map((o) => o.email).sort());
    expect(mail[0]!.body_text).toContain('2026-06-22');
    expect(mail[0]!.body_text).toContain('230.503');
    expect(mail[0]!.subject).toContain(late.title);

    const summary = await call(summaryRoute, { host: tenant.host, token: officers[1]!.token, params: { id: late.id } });
    expect(summary.json.formD).toMatchObject({ dueOn: '2026-06-22', overdue: true, overdueNotifiedAt: '2026-06-23T00:00:00.000Z' });
    expect((await runComplianceSweep({ now: new Date('2026-06-30T00:00:00Z'), tenantIds: [tenant.id] })).formDNotices).toBe(0);
    expect(await overdueMail()).toHaveLength(2);
  });
});
