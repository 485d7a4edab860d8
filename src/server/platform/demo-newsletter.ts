import type { RequestMeta } from '../audit/service';
import { getConfig } from '../config';
import { createCampaign, listAllCampaigns, setMemberSubscription } from '../newsletter/service';
import { resolveTenant } from '../tenancy/resolve';
import { principalFor } from './demo-deals';

// The demo newsletter for a first `npm start`: the two demo investors subscribed from their
// settings and a draft campaign waiting at /admin/newsletter, made through the services the API uses.

const META: RequestMeta = { ip: null, userAgent: 'demo-seed', requestId: null };

/** Seeds once: a tenant that has any campaign is left alone. */
export async function seedDemoNewsletter(tenantId: string, tenantSlug: string, a: { admin: string; investors: string[] }, log: (m: string) => void = () => {}): Promise<void> {
  const config = getConfig();
  const tenant = await resolveTenant(`${tenantSlug}.${config.PLATFORM_BASE_DOMAIN}`, config.PLATFORM_BASE_DOMAIN);
  if (!tenant) return;
  const admin = await principalFor(tenantId, a.admin);
  if (!admin || (await listAllCampaigns(tenant, admin)).campaigns.length) return;
  for (const email of a.investors) {
    const member = await principalFor(tenantId, email);
    if (member) await setMemberSubscription(tenant, member, true, META);
  }
  await createCampaign(
    tenant,
    admin,
    {
      subject: `What is new at ${tenant.name}`,
      body: `Hello,\n\nThree things this month:\n\n- new deals are open: [see them](/deals)\n- the investment groups welcome new members: [find yours](/groups)\n- choose what you hear about in your [notification settings](/settings/notifications)\n\nThank you for being part of ${tenant.name}.`,
      segment: 'all',
    },
    META,
  );
  log(`seeded the ${tenantSlug} newsletter (2 subscribers, a draft campaign)`);
}
