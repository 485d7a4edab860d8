import type { RequestMeta } from '../audit/service';
import { getConfig } from '../config';
import { createReferralLink, referralAdminOverview, referralDashboard, saveReferralSettings } from '../referrals/service';
import { resolveTenant } from '../tenancy/resolve';
import { principalFor } from './demo-deals';

// Alpha's referral programme for a first `npm start`: 1% of a referred member's first confirmed
// investment (at most 500.00), and one link of investor1's to share, made through the services
// the API uses. Seeded once: a tenant whose admin already set a rule, or whose investor1 has a
// link, is left alone.

const META: RequestMeta = { ip: null, userAgent: 'demo-seed', requestId: null };

export async function seedDemoReferrals(tenantId: string, a: { admin: string; investor: string }, log: (m: string) => void = () => {}): Promise<void> {
  const config = getConfig();
  const tenant = await resolveTenant(`alpha.${config.PLATFORM_BASE_DOMAIN}`, config.PLATFORM_BASE_DOMAIN);
  if (!tenant || !tenant.features.referrals) return;
  const [admin, investor] = await Promise.all([principalFor(tenantId, a.admin), principalFor(tenantId, a.investor)]);
  if (!admin || !investor) return;
  if ((await referralAdminOverview(tenant, admin)).settings.updatedAt === null)
    await saveReferralSettings(tenant, admin, { attributionWindowDays: 30, rewardKind: 'bps', rewardBps: 100, rewardCap: '50000', rewardScope: 'first' }, META);
  if ((await referralDashboard(tenant, investor)).links.length > 0) return;
  const { link } = await createReferralLink(tenant, investor, { campaign: 'Friends and family', target: '/deals', code: 'ivan-alpha' }, META);
  log(`seeded referral link ${link.path} for ${a.investor}`);
}
