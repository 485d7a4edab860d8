import type { RequestMeta } from '../audit/service';
import { getConfig } from '../config';
import { applyToGroup, createGroup, decideGroupApplication, ownDealAudiences, ownGroup, preCommit, setDealVisibility } from '../groups/service';
import { createGroupInput } from '../groups/schema';
import { resolveTenant } from '../tenancy/resolve';
import { principalFor } from './demo-deals';

// The demo issuer's investment group for a first `npm start`: members, an application waiting,
// a member-only deal and an upcoming one with a pre-commitment, made through the services the API uses.

const META: RequestMeta = { ip: null, userAgent: 'demo-seed', requestId: null };

const GROUPS = {
  alpha: {
    name: 'Alpha Founders Circle',
    description: 'Operators and angels who back the studio’s companies early. Members see deals before anyone else and hear first when a round opens.',
    focusAreas: ['B2B software', 'fintech'],
    brandColor: '#2563EB',
    memberDeal: 'Orbital Kitchens Seed Extension',
    upcomingDeal: 'Atlas Logistics Seed',
    admitted: [0],
  },
  beta: {
    name: 'Beta Neighbourhood Investors',
    description: 'Neighbours who fund the co-operative’s projects together, from the bakery to the pool.',
    focusAreas: ['community', 'housing'],
    brandColor: '#059669',
    memberDeal: 'Canal Street Community Bakery',
    upcomingDeal: 'Community Pool Reopening',
    admitted: [0, 1],
  },
} as const;

export type DemoGroupAccounts = { issuer: string; investors: [string, string] };

/** Seeds the tenant's demo group once (skipped when the demo issuer already runs one). */
export async function seedDemoGroup(tenantId: string, tenantSlug: 'alpha' | 'beta', a: DemoGroupAccounts, log: (m: string) => void = () => {}): Promise<void> {
  const config = getConfig();
  const tenant = await resolveTenant(`${tenantSlug}.${config.PLATFORM_BASE_DOMAIN}`, config.PLATFORM_BASE_DOMAIN);
  const [issuer, ...investors] = await Promise.all([a.issuer, ...a.investors].map((e) => principalFor(tenantId, e)));
  if (!tenant || !issuer || investors.some((i) => !i)) throw new Error(`seedDemoGroup: tenant ${tenantSlug} or its demo accounts are missing`);
  if ((await ownGroup(tenant, issuer)).group) return;
  const g = GROUPS[tenantSlug];
  const group = await createGroup(
    tenant,
    issuer,
    createGroupInput.parse({
      name: g.name,
      slug: `${tenantSlug}-circle`,
      description: g.description,
      focusAreas: g.focusAreas,
      brandColor: g.brandColor,
      minCommitment: '1000',
      questions: [
        { id: 'experience', text: 'What is your investing experience?', required: true },
        { id: 'help', text: 'How could you help the companies beyond money?', required: false },
      ],
    }),
    META,
  );
  for (const [i, investor] of investors.entries()) {
    const application = await applyToGroup(tenant, investor!, group.id, { answers: [{ questionId: 'experience', answer: i === 0 ? 'Angel investor since 2019, twelve seed rounds.' : 'New to private deals; I work in logistics.' }], intendedCommitment: i === 0 ? '5000' : '1500' }, META);
    if ((g.admitted as readonly number[]).includes(i)) await decideGroupApplication(tenant, issuer, application.id, { decision: 'approve' }, META);
  }
  const { deals } = await ownDealAudiences(tenant, issuer);
  for (const title of [g.memberDeal, g.upcomingDeal]) {
    const d = deals.find((x) => x.title === title);
    if (d) await setDealVisibility(tenant, issuer, d.id, 'group', META);
  }
  const upcoming = deals.find((x) => x.title === g.upcomingDeal);
  if (upcoming) await preCommit(tenant, investors[0]!, group.id, upcoming.id, '5000', META);
  log(`seeded the investment group ${g.name} in ${tenantSlug}`);
}
