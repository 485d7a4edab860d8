// The community feed for a first `npm start` on Alpha: socialFeatures on, a few members following
// each other and the demo issuer, some posts (one linking a public deal), a comment and likes, made
// through the services the API uses. Seeded once: skipped when the demo investor has posted already.
import type { RequestMeta } from '../audit/service';
import { getConfig } from '../config';
import { browseDeals } from '../deals/browse';
import { listDealsQuery } from '../deals/schema';
import { commentOnPost, createPost, follow, memberProfile, setLike } from '../feed/service';
import { feedQuery } from '../feed/schema';
import { updateTenantSettings } from '../tenancy/admin';
import { resolveTenant } from '../tenancy/resolve';
import { principalFor } from './demo-deals';

const META: RequestMeta = { ip: null, userAgent: 'demo-seed', requestId: null };

export async function seedDemoFeed(tenantId: string, slug: string, a: { admin: string; issuer: string; investors: [string, string] }, log: (m: string) => void = () => {}): Promise<void> {
  const config = getConfig();
  let tenant = await resolveTenant(`${slug}.${config.PLATFORM_BASE_DOMAIN}`, config.PLATFORM_BASE_DOMAIN);
  const [admin, issuer, ivan, iris] = await Promise.all([a.admin, a.issuer, ...a.investors].map((e) => principalFor(tenantId, e)));
  if (!tenant || !admin || !issuer || !ivan || !iris) throw new Error(`demo feed: tenant ${slug} or its demo accounts are missing`);
  if (!tenant.features.socialFeatures) {
    await updateTenantSettings(tenant, admin, { features: { socialFeatures: true } }, META);
    tenant = { ...tenant, features: { ...tenant.features, socialFeatures: true } };
  }
  if ((await memberProfile(tenant, ivan, ivan.userId, feedQuery.parse({ limit: 1 }))).posts.length > 0) return;

  await follow(tenant, ivan, issuer.userId);
  await follow(tenant, iris, issuer.userId);
  await follow(tenant, iris, ivan.userId);
  const deal = (await browseDeals(tenant, ivan, listDealsQuery.parse({ limit: 5, status: 'active' }))).deals[0];
  await createPost(tenant, issuer, { body: 'Thank you to everyone who joined the founders’ call this week. The recording and the Q&A notes are in each deal’s updates.' });
  const ivanPost = await createPost(tenant, ivan, { body: deal ? `Just read the term sheet for ${deal.title}: clear terms and a sensible valuation. Anyone else looking at it?` : 'Glad to be part of this community. Which deals are you looking at?', ...(deal && { dealId: deal.id }) });
  await createPost(tenant, iris, { body: 'Tip for new members: the documents tab of each deal has the full data room. Read the risk factors before investing.' });
  await commentOnPost(tenant, iris, ivanPost.id, { body: 'Same here. I liked that the founders answered every question in the comments.' });
  await setLike(tenant, iris, ivanPost.id, true);
  await setLike(tenant, issuer, ivanPost.id, true);
  log(`seeded the community feed of ${slug}`);
}
