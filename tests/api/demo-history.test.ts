import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as applications } from '../../src/app/api/compliance/kyc/applications/route';
import { GET as stats } from '../../src/app/api/admin/stats/route';
import { resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { seedDemoDeals } from '../../src/server/platform/demo-deals';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// Issue 24: the demo shows a community's last 90 days, KYC decisions included (they need the
// encryption key for the documents, as `npm start` has).

let demo: TestTenant;

beforeAll(async () => {
  process.env.DATA_ENCRYPTION_KEY = randomBytes(32).toString('base64url');
  resetConfigCache();
  demo = await makeTenant();
  const issuer = await makeUser(demo, ['issuer']);
  const [i1, i2] = [await makeUser(demo), await makeUser(demo)];
  await seedDemoDeals(demo.id, demo.slug, { theme: 'alpha', password: PASSWORD, admin: demo.admin.email, issuer: issuer.email, investors: [i1.email, i2.email] });
}, 60_000);

afterAll(async () => {
  await closePools();
});

describe('demo history', () => {
  it('has members whose KYC was approved, rejected with a reason, and one still in the review queue, dated weeks apart', async () => {
    const rows = await withTenant(demo.id, null, (t) =>
      t.tx
        .selectFrom('kyc_applications as a')
        .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.user_id'))
        .select(['u.first_name', 'a.status', 'a.decision_reason', 'a.created_at', 'a.reviewed_at'])
        .where('a.tenant_id', '=', demo.id)
        .orderBy('a.created_at')
        .execute(),
    );
    expect(rows.map((r) => [r.first_name, r.status])).toEqual([
      ['Marta', 'approved'],
      ['Luis', 'approved'],
      ['Petra', 'rejected'],
      ['Sam', 'submitted'],
    ]);
    const daysAgo = (d: Date | null) => Math.round((Date.now() - d!.getTime()) / 86_400_000);
    expect(rows.map((r) => daysAgo(r.created_at))).toEqual([80, 52, 27, 2]);
    expect(daysAgo(rows[2]!.reviewed_at)).toBe(25);
    expect(rows[2]!.decision_reason).toMatch(/cut off/);
    const admin = await tokenFor(demo, demo.admin.email);
    const queue = await call(applications, { host: demo.host, token: admin });
    expect(queue.json.applications.map((a: { applicant: { firstName: string } }) => a.applicant.firstName)).toEqual(['Sam']);
  });

  it('raises money on many days of the last 90, from the members too', async () => {
    const admin = await tokenFor(demo, demo.admin.email);
    const s = (await call(stats, { host: demo.host, token: admin, path: '/api/admin/stats?days=90' })).json;
    expect(s.investors).toBe(4);
    const usd = s.raisedPerDay.find((x: { currency: string }) => x.currency === 'USD');
    expect(usd.days.filter((d: { raised: string }) => Number(d.raised) > 0).length).toBeGreaterThanOrEqual(10);
  });
});
