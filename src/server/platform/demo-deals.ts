import { randomUUID } from 'node:crypto';
import { certifyNoBadActors, ownCertification } from '../compliance/bad-actor';
import { clearDemoInvestor } from '../compliance/demo-investors';
import type { RequestMeta } from '../audit/service';
import { primaryRole, type Principal } from '../auth/principal';
import { findUserByEmail, listRoles } from '../auth/repo';
import { getConfig } from '../config';
import { withTenant } from '../db/tenant';
import type { AssetType, DealStatus } from '../db/types';
import { createDeal, setFeatured, transitionDeal } from '../deals/manage-deal';
import { listDeals, updateDeal } from '../deals/repo';
import { createDealInput, DEAL_STATUSES } from '../deals/schema';
import { confirmInvestment } from '../investments/confirm-investment';
import { invest } from '../investments/invest';
import { createIssuerProfile, getOwnIssuer, reviewIssuer } from '../issuers/service';
import { resolveTenant, type TenantContext } from '../tenancy/resolve';
import { confirmedInvestment, kycHistoryPossible, refundedInvestment, seedKycDecisions, spreadDealHistory, type SeededDeal } from './demo-history';
import { addUser } from './tenants';

// Demo deals for a first `npm start`: every status and asset type, written in each tenant's
// voice, created through the same services the API uses so the numbers add up.

type Raise = [investor: 0 | 1, amount: string, confirmed: boolean];
type Terms = { type: AssetType; cur: 'USD' | 'USDC'; target: number; soft: number; hard: number; min: number; max?: number; valuation?: number };
type DemoDeal = { title: string; summary: string; highlights: string[]; useOfFunds: string; terms: Terms; status: DealStatus; issuer?: 1 | 2; featured?: boolean; raise?: Raise[] };
type Company = { company: string; registration: string; website: string; description: string };
type ExtraIssuer = Company & { email: string; firstName: string; lastName: string };
type Theme = { issuerCompany: Company; extraIssuers: [ExtraIssuer, ExtraIssuer]; deals: DemoDeal[] };

const deal = (title: string, summary: string, highlights: string[], useOfFunds: string, terms: Terms, status: DealStatus, more: Partial<DemoDeal> = {}): DemoDeal => ({ title, summary, highlights, useOfFunds, terms, status, ...more });
const eq = (target: number, soft: number, hard: number, min: number, valuation: number, max?: number): Terms => ({ type: 'equity', cur: 'USD', target, soft, hard, min, valuation, max });
const debt = (target: number, soft: number, hard: number, min: number, max?: number): Terms => ({ type: 'debt', cur: 'USD', target, soft, hard, min, max });
const token = (target: number, soft: number, hard: number, min: number, max?: number): Terms => ({ type: 'token', cur: 'USDC', target, soft, hard, min, max });

const ALPHA: Theme = {
  issuerCompany: { company: 'Ines Ventures Studio', registration: 'DE-7781204', website: 'https://studio.alpha.example', description: 'A venture studio that co-founds B2B software companies with operators.' },
  extraIssuers: [
    { email: 'founders@nimbus.alpha.example', firstName: 'Noah', lastName: 'Nimbus', company: 'Nimbus Labs', registration: 'DE-5512093', website: 'https://nimbus.alpha.example', description: 'Developer tooling for edge computing.' },
    { email: 'team@helio.alpha.example', firstName: 'Hana', lastName: 'Helio', company: 'Helio Robotics', registration: 'DE-6620417', website: 'https://helio.alpha.example', description: 'Autonomous inspection robots for solar parks.' },
  ],
  deals: [
    deal('Ledgerly Seed Round', 'Bookkeeping autopilot for freelancers across the EU, reconciling bank feeds and invoices in real time.', ['4,200 paying freelancers, 11% month-on-month growth', 'Open-banking integrations with 38 EU banks', 'Founders previously built and sold a payroll startup'], 'Two senior engineers, a Spanish and Italian launch, and SOC 2 audit.', eq(750_000, 250_000, 1_000_000, 1_000, 6_000_000, 100_000), 'active', { featured: true, raise: [[0, '25000', true], [1, '40000', true], [0, '10000', false]] }),
    deal('Nimbus Edge Functions Series A', 'Deploy serverless functions to 300 edge locations with a single command and sub-10 ms cold starts.', ['$1.8M ARR with 92% gross margin', '1,100 teams in production, including two Fortune 500s', 'Open-source CLI with 14k GitHub stars'], 'Enterprise sales team, SOC 2 Type II and a second region in APAC.', eq(2_000_000, 800_000, 3_000_000, 2_500, 24_000_000), 'active', { issuer: 1, featured: true, raise: [[1, '50000', true], [0, '30000', true]] }),
    deal('Helio Inspection Robots Pre-Seed', 'Autonomous robots that inspect solar panels at night and flag failing cells before they cost output.', ['Pilots with three utility-scale operators', 'Finds 97% of hot-spot defects in field tests', 'Hardware cost down 40% in the latest revision'], 'Ten more robots for paid pilots and certification for outdoor operation.', eq(400_000, 150_000, 500_000, 500, 3_200_000), 'active', { issuer: 2, raise: [[0, '15000', true], [1, '7500', false]] }),
    deal('Quanta Health Convertible Note', 'A clinical-grade sleep monitoring patch, reimbursed by two German health insurers.', ['CE mark obtained in March', 'Reimbursement code granted by two statutory insurers', '5% discount on the next priced round, 20% cap discount'], 'Manufacturing scale-up and a 600-patient reimbursement study.', debt(600_000, 200_000, 800_000, 1_000), 'active', { raise: [[1, '20000', true]] }),
    deal('Orbital Kitchens Seed Extension', 'Shared dark kitchens for independent restaurants, with delivery routing built in.', ['Five kitchens live in Berlin and Hamburg', 'Average site breaks even in month seven', 'Waitlist of 60 restaurant brands'], 'Two new sites in Munich and working capital for equipment.', eq(500_000, 150_000, 650_000, 1_000, 5_500_000), 'active', { raise: [[0, '5000', false]] }),
    deal('Verdant Carbon Token', 'Tokenised, verified carbon removal credits from European biochar producers, settled in USDC.', ['Each token backed by one tonne of verified removal', 'Registry retirement visible on-chain', 'Offtake agreements with three producers'], 'Credit pre-purchase from producers and the verification budget for 2026.', token(300_000, 50_000, 400_000, 100, 25_000), 'active', { featured: true, raise: [[0, '12000', true], [1, '8000', true]] }),
    deal('Paperplane Legal AI Seed', 'Contract review assistant for in-house legal teams, trained on redlined templates of each customer.', ['Cuts first-pass NDA review from 40 to 6 minutes', '27 legal teams on annual contracts', 'ISO 27001 certified hosting in Frankfurt'], 'Go-to-market in the Nordics and two machine-learning hires.', eq(900_000, 300_000, 1_200_000, 1_000, 8_000_000), 'active', { raise: [[1, '15000', false]] }),
    deal('Nimbus Bridge Loan', 'Twelve-month bridge note ahead of the Series A close, at 8% annual interest.', ['Secured on accounts receivable', 'Repaid at the Series A close or month twelve', 'Lead investor already committed to the A'], 'Runway to the Series A close.', debt(250_000, 100_000, 250_000, 2_500), 'funded', { issuer: 1, raise: [[0, '60000', true], [1, '45000', true]] }),
    deal('Fjord Analytics Seed', 'Product analytics for B2B SaaS that answers revenue questions without SQL.', ['Fully subscribed in nine days', '140 customers at close', 'Expanded into the UK this quarter'], 'Hiring a VP Sales and building the data warehouse connectors.', eq(350_000, 100_000, 350_000, 1_000, 3_500_000), 'completed', { raise: [[0, '70000', true], [1, '50000', true]] }),
    deal('Bricklane Payments Seed', 'Instant payouts for marketplace sellers in the EU, under an e-money licence.', ['Licence passported to 12 EU markets', '€40M processed in the pilot', 'Two marketplaces signed for launch'], 'Compliance team and the card-issuing integration.', eq(800_000, 300_000, 1_000_000, 2_000, 7_000_000), 'closed', { raise: [[1, '35000', true], [0, '20000', true]] }),
    deal('Sprout Pet Food Crowd Round', 'Insect-protein pet food sold by subscription, now in 400 pet stores.', ['Break-even on contribution margin', 'Shelf space in two national pet-store chains'], 'Second production line and retail marketing.', eq(300_000, 100_000, 400_000, 250, 2_800_000), 'cancelled', { raise: [] }),
    deal('Helio Robotics Equipment Note', 'Equipment financing note for the first production batch of inspection robots.', ['Secured on the robots themselves', '10% annual interest, paid quarterly', 'Thirty-six month term'], 'First production batch of 25 robots.', debt(450_000, 150_000, 500_000, 1_000), 'pending_review', { issuer: 2 }),
    deal('Tessellate 3D Design Seed', 'Browser-based CAD for furniture makers, with cut lists and CNC export.', ['3,000 weekly active designers', 'Marketplace for parametric furniture designs'], 'Engine work on parametric joints and a US launch.', eq(650_000, 200_000, 800_000, 500, 5_000_000), 'pending_review'),
    deal('Lumen Grid Token Round', 'Community batteries that sell stored solar power back to the grid, shares as USDC tokens.', ['Five neighbourhood batteries installed', 'Revenue shared monthly with token holders'], 'Ten more batteries in Bavaria.', token(500_000, 100_000, 600_000, 250), 'pending_review'),
    deal('Atlas Logistics Seed', 'Route optimisation for regional couriers, priced per stop.', ['Saves 14% of driving time in pilots'], 'First sales hires and the mobile driver app.', eq(450_000, 150_000, 600_000, 500, 4_000_000), 'draft'),
    deal('Mosaic HR Series A', 'Workforce planning for hospital staff rotas, integrated with major EU hospital systems.', ['11 hospitals live', 'Reduces agency staff spend by 18%'], 'Integrations and the French launch.', eq(3_000_000, 1_000_000, 4_000_000, 5_000, 30_000_000), 'draft', { issuer: 1 }),
    deal('Kite Insurance Revenue Note', 'Revenue-based financing for an embedded insurance platform, repaid from 6% of monthly revenue.', ['Repayment capped at 1.6x the principal', 'Monthly revenue of €310k and growing'], 'Customer acquisition in Austria and Switzerland.', debt(400_000, 100_000, 500_000, 1_000), 'active', { raise: [[0, '9000', true]] }),
    deal('Fernweh Travel Pre-Seed', 'Slow-travel itineraries by rail across Europe, booked in one basket.', ['Rail partnerships with four national operators'], 'Booking engine and the first paid campaign.', eq(200_000, 50_000, 250_000, 250, 1_800_000), 'active', { raise: [] }),
    deal('Cobalt Security Seed', 'Phishing-resistant login for small businesses, passkeys included, no IT team needed.', ['1,900 businesses protected', 'Partnership with a major domain registrar'], 'Product-led growth and a SOC 2 audit.', eq(1_200_000, 400_000, 1_500_000, 1_000, 11_000_000), 'active', { featured: true, raise: [[1, '30000', true], [0, '15000', false]] }),
    deal('Glasshouse Farms Token', 'Vertical farm in Leipzig; token holders receive a share of produce revenue in USDC.', ['Offtake contract with a regional grocery chain'], 'Second growing chamber.', token(350_000, 80_000, 400_000, 100), 'completed', { raise: [[0, '50000', true], [1, '40000', true]] }),
  ],
};

const BETA: Theme = {
  issuerCompany: { company: 'Bea Community Builders', registration: 'NL-81729364', website: 'https://builders.beta.example', description: 'Community-led housing and neighbourhood renovation projects.' },
  extraIssuers: [
    { email: 'projects@harbour.beta.example', firstName: 'Hugo', lastName: 'Harbour', company: 'Harbour Row Housing Co-op', registration: 'NL-55120987', website: 'https://harbour.beta.example', description: 'A housing co-operative building affordable homes for rent.' },
    { email: 'hello@greenbrick.beta.example', firstName: 'Greta', lastName: 'Brick', company: 'Greenbrick Renovations', registration: 'NL-66203311', website: 'https://greenbrick.beta.example', description: 'Deep energy retrofits of post-war apartment blocks.' },
  ],
  deals: [
    deal('Harbour Row Townhouses', 'Twelve energy-positive townhouses on a former shipyard lot, built by a resident co-operative.', ['Planning permission granted in January', 'Fixed-price contract with a local builder', 'Eight of twelve homes pre-let'], 'Construction of phase one (six homes) and the shared heat pump.', debt(1_500_000, 500_000, 2_000_000, 500), 'active', { issuer: 1, featured: true, raise: [[0, '40000', true], [1, '25000', true], [1, '10000', false]] }),
    deal('Greenbrick Retrofit Fund I', 'Deep energy retrofits of 1960s apartment blocks, repaid from the energy savings of residents.', ['Average 62% cut in heating demand', 'Savings contracts signed with three housing associations', '7% target annual return'], 'Insulation, windows and heat pumps for 140 apartments.', debt(900_000, 300_000, 1_200_000, 250), 'active', { issuer: 2, featured: true, raise: [[0, '20000', true], [1, '15000', true]] }),
    deal('Canal Street Community Bakery', 'A co-operative bakery and café in a restored canal warehouse, owned by its neighbours.', ['Lease signed for fifteen years', '300 members already pledged'], 'Ovens, fit-out and the first six months of working capital.', eq(180_000, 60_000, 220_000, 100, 600_000), 'active', { raise: [[1, '5000', true], [0, '2500', false]] }),
    deal('Solar Roofs for Schools Token', 'Solar panels on six primary-school roofs; token holders earn from the electricity sold, in USDC.', ['Power purchase agreements with the municipality', '20-year panel warranty'], 'Panels, inverters and installation on six schools.', token(400_000, 100_000, 500_000, 50, 20_000), 'active', { featured: true, raise: [[0, '15000', true], [1, '6000', true]] }),
    deal('Riverside Allotments Co-op', 'Eighty allotment plots with a tool library and rainwater storage on reclaimed riverside land.', ['Land leased from the city for 30 years', 'Waiting list of 240 households'], 'Soil remediation, paths, sheds and water storage.', eq(120_000, 40_000, 150_000, 50, 300_000), 'active', { raise: [[1, '3000', false]] }),
    deal('Old Mill Workshops', 'Affordable workshop space for makers in a listed mill, restored by a local building trust.', ['Twenty-two workshops, all pre-let', 'Heritage grant covers 30% of the restoration'], 'Roof, structural repairs and fit-out of the workshops.', debt(750_000, 250_000, 900_000, 250), 'active', { raise: [[0, '12000', true]] }),
    deal('Tiny Homes Village Loan', 'A village of 24 timber tiny homes for first-time buyers, sold at cost to members.', ['Modular homes built off-site in eight weeks', 'Site fully serviced'], 'Groundworks and the first twelve homes.', debt(1_100_000, 400_000, 1_300_000, 500), 'active', { issuer: 1, raise: [] }),
    deal('Harbour Row Phase Zero', 'Site preparation and design fees for the Harbour Row townhouses, repaid at planning approval.', ['Repaid in full with 6% interest', 'Planning approval obtained'], 'Architects, surveys and the planning application.', debt(150_000, 50_000, 150_000, 250), 'completed', { issuer: 1, raise: [[0, '35000', true], [1, '30000', true]] }),
    deal('Eastside Co-working Renovation', 'Turning an empty bank branch into a neighbourhood co-working space.', ['Anchor tenant signed', '90 desk memberships pre-sold'], 'Renovation and furniture.', eq(250_000, 80_000, 300_000, 100, 900_000), 'funded', { raise: [[0, '50000', true], [1, '40000', true]] }),
    deal('Greenbrick Heat Pump Pilot', 'Heat pumps for forty terraced houses, repaid from metered savings.', ['Installed and commissioned in six weeks', 'Savings above forecast in the first winter'], 'Heat pumps and installation.', debt(200_000, 60_000, 220_000, 100), 'closed', { issuer: 2, raise: [[1, '45000', true], [0, '30000', true]] }),
    deal('Market Hall Food Stalls', 'Twelve food stalls for local producers in the old market hall.', ['Hall owner offered a below-market lease'], 'Stall construction and ventilation.', eq(160_000, 50_000, 200_000, 100, 450_000), 'cancelled', { raise: [] }),
    deal('Community Wind Turbine Token', 'One 3 MW turbine owned by 1,200 neighbours; revenue shared monthly in USDC.', ['Grid connection agreement in place', 'Wind survey shows 31% capacity factor'], 'Turbine purchase and foundations.', token(2_500_000, 800_000, 3_000_000, 100), 'pending_review'),
    deal('Library Lofts Conversion', 'Nine affordable flats above the renovated public library.', ['The city contributes the building on a 99-year lease'], 'Structural work and the nine flats.', debt(1_300_000, 400_000, 1_500_000, 500), 'pending_review', { issuer: 1 }),
    deal('Bike Kitchen Expansion', 'A second community bike repair workshop with a youth training programme.', ['2,000 repairs a year at the first site'], 'Second site fit-out and tools.', eq(60_000, 20_000, 80_000, 50, 180_000), 'pending_review'),
    deal('Southgate Passive House Flats', 'Eighteen passive-house flats built by a self-build collective.', ['Land option secured'], 'Land purchase and design.', debt(2_000_000, 600_000, 2_400_000, 1_000), 'draft', { issuer: 1 }),
    deal('Community Pool Reopening', 'Reopening the 1930s lido as a community-run open-air pool.', ['Petition signed by 4,000 residents'], 'Pool lining, filtration and changing rooms.', eq(400_000, 150_000, 500_000, 50, 1_000_000), 'draft'),
    deal('Greenbrick Window Bond', 'Triple-glazed windows for 300 social-housing flats, repaid by the housing association.', ['Housing association guarantee', '5.5% annual interest, paid twice a year'], 'Windows and installation.', debt(600_000, 200_000, 700_000, 250), 'active', { issuer: 2, raise: [[1, '8000', true]] }),
    deal('Neighbourhood Battery Token', 'A shared battery storing rooftop solar for 150 homes, earnings paid in USDC.', ['Grid services contract with the network operator'], 'Battery, housing and grid connection.', token(180_000, 50_000, 220_000, 50), 'active', { raise: [[0, '4000', true], [1, '2500', false]] }),
  ],
};

const THEMES = { alpha: ALPHA, beta: BETA } as const;

// Members of each community beyond the demo accounts: their identity checks were decided over
// the last months (one still waits), and the approved ones invested.
const MEMBERS = [
  { firstName: 'Marta', lastName: 'Meyer', submittedDaysAgo: 80, decidedDaysAgo: 78, decision: 'approve' },
  { firstName: 'Luis', lastName: 'Lopez', submittedDaysAgo: 52, decidedDaysAgo: 49, decision: 'approve' },
  { firstName: 'Petra', lastName: 'Novak', submittedDaysAgo: 27, decidedDaysAgo: 25, decision: 'reject', reason: 'The passport photo is cut off at the edges; upload a photo of the whole page.' },
  { firstName: 'Sam', lastName: 'Okafor', submittedDaysAgo: 2, decision: null },
] as const;
const DAY = 86_400_000;
const DEMO_WALLETS = ['0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222'];
const META: RequestMeta = { ip: null, userAgent: 'demo-seed', requestId: null };

export type DemoDealAccounts = { theme: keyof typeof THEMES; password: string; admin: string; issuer: string; investors: [string, string] };

/** The caller as the route wrapper would build it, from the stored user and roles. */
export async function principalFor(tenantId: string, email: string): Promise<Principal | null> {
  return withTenant(tenantId, null, async (t) => {
    const u = await findUserByEmail(t, email.toLowerCase());
    if (!u) return null;
    const roles = await listRoles(t, u.id);
    return { userId: u.id, sessionId: randomUUID(), email: u.email, firstName: u.first_name, lastName: u.last_name, roles, role: primaryRole(roles), emailVerified: true, mfaEnabled: false };
  });
}

async function ensureUser(tenantId: string, x: ExtraIssuer, password: string): Promise<Principal> {
  const existing = await principalFor(tenantId, x.email);
  if (existing) return existing;
  await addUser(tenantId, { email: x.email, password, firstName: x.firstName, lastName: x.lastName, roles: ['issuer'] });
  return (await principalFor(tenantId, x.email))!;
}

/** A verified issuer profile for the user (created and verified by the admin when missing). */
async function ensureVerifiedIssuer(tenant: TenantContext, admin: Principal, user: Principal, x: Company) {
  const existing = await getOwnIssuer(tenant, user).catch(() => null);
  const issuer =
    existing ??
    (await createIssuerProfile(
      tenant,
      user,
      {
        legalEntity: { name: `${x.company} ${x.registration.startsWith('NL') ? 'B.V.' : 'GmbH'}`, jurisdiction: x.registration.slice(0, 2), registrationNumber: x.registration, entityType: 'corporation', address: {} },
        profile: { displayName: x.company, website: x.website, description: x.description, contactEmail: user.email },
      },
      META,
    ));
  if (issuer.status !== 'verified') await reviewIssuer(tenant, admin, issuer.id, { decision: 'verify', reason: 'Demo issuer: registry extract and directors checked' }, META);
  // Its Reg CF deals sell only with a current bad-actor certification (17 CFR 227.503).
  if (!(await ownCertification(tenant, user)).certification?.current)
    await certifyNoBadActors(
      tenant,
      user,
      { coveredPersons: [{ name: `${user.firstName} ${user.lastName}`, role: 'managing director' }], noDisqualifyingEvents: true, statement: 'Demo issuer: after a factual inquiry, no covered person has a disqualifying event.' },
      META,
    );
}

function description(d: DemoDeal): string {
  const t = d.terms;
  const terms =
    t.type === 'equity'
      ? `Preferred shares at a pre-money valuation of ${t.cur} ${t.valuation!.toLocaleString('en-US')}.`
      : t.type === 'debt'
        ? 'A fixed-income note with interest paid to investors on the schedule in the offering documents.'
        : `Tokenised units issued on-chain; payments and distributions settle in ${t.cur}.`;
  return [
    '## The opportunity',
    d.summary,
    '',
    '## Highlights',
    ...d.highlights.map((h) => `- ${h}`),
    '',
    '## Terms',
    terms,
    '',
    '## Use of funds',
    d.useOfFunds,
    '',
    '## Risks',
    'Investments like this one are illiquid and you may lose the money you invest. Read the offering documents and invest only what you can afford to lose.',
  ].join('\n');
}

/** Members with decided identity checks, their investments, and refunds on two open deals. */
async function seedCommunityHistory(tenant: TenantContext, cleared: TenantContext, admin: Principal, investors: Principal[], a: DemoDealAccounts, theme: Theme, seeded: SeededDeal[], now: number) {
  const openUsd = seeded.filter((d) => d.status === 'active' && theme.deals[d.n]!.terms.cur === 'USD');
  if (kycHistoryPossible(tenant, getConfig())) {
    const members: Principal[] = [];
    for (const m of MEMBERS) {
      const email = `${m.firstName.toLowerCase()}.${m.lastName.toLowerCase()}@members.${tenant.slug}.example`;
      if (!(await principalFor(tenant.id, email))) await addUser(tenant.id, { email, password: a.password, firstName: m.firstName, lastName: m.lastName, roles: ['investor'] });
      members.push((await principalFor(tenant.id, email))!);
    }
    await seedKycDecisions(tenant, admin, MEMBERS.map((m, i) => ({ ...m, principal: members[i]! }) as Parameters<typeof seedKycDecisions>[2][number]), getConfig(), now);
    // The two approved members invest in the open deals.
    for (const [i, member] of members.slice(0, 2).entries())
      for (const d of openUsd.filter((_, k) => k % 2 === i).slice(0, 3)) {
        const min = theme.deals[d.n]!.terms.min;
        await confirmedInvestment(cleared, admin, member, d.id, String(Math.max(min, 1_000) * (2 + ((d.n + i) % 4))));
      }
  }
  for (const d of openUsd.slice(1, 3)) {
    const min = theme.deals[d.n]!.terms.min;
    await refundedInvestment(cleared, admin, investors[d.n % 2]!, d.id, String(Math.max(min, 1_000) * 3), 'Demo: the wire came from an account in another name, so it was returned.');
  }
}

/**
 * Seeds ~20 deals in the tenant (skipped when it already has deals): verified issuers,
 * every deal status and asset type, and investments by the demo investors, some confirmed.
 */
export async function seedDemoDeals(tenantId: string, tenantSlug: string, a: DemoDealAccounts, log: (m: string) => void = () => {}): Promise<number> {
  const hasDeals = await withTenant(tenantId, null, (t) => listDeals(t, { statuses: [...DEAL_STATUSES], limit: 1, offset: 0 }));
  if (hasDeals.total > 0) return 0;
  const config = getConfig();
  const tenant = await resolveTenant(`${tenantSlug}.${config.PLATFORM_BASE_DOMAIN}`, config.PLATFORM_BASE_DOMAIN);
  const [admin, mainIssuer, ...investors] = await Promise.all([a.admin, a.issuer, ...a.investors].map((e) => principalFor(tenantId, e)));
  if (!tenant || !admin || !mainIssuer || investors.some((i) => !i)) throw new Error(`seedDemoDeals: tenant ${tenantSlug} or its demo accounts are missing`);
  const theme = THEMES[a.theme];
  const issuers = [mainIssuer, ...(await Promise.all(theme.extraIssuers.map((x) => ensureUser(tenantId, x, a.password))))];
  await ensureVerifiedIssuer(tenant, admin, mainIssuer, theme.issuerCompany);
  for (const [i, x] of theme.extraIssuers.entries()) await ensureVerifiedIssuer(tenant, admin, issuers[i + 1]!, x);
  // The demo has no KYC provider to ask: its investors count as cleared, so their money
  // waits for payment (and can be confirmed) rather than for KYC.
  const cleared: TenantContext = { ...tenant, features: { ...tenant.features, kycRequired: false } };
  // Declared non-U.S. and accredited, so the Reg CF and Reg S demo deals accept them.
  for (const i of investors) await clearDemoInvestor(tenantId, i!.userId);

  const now = Date.now();
  const seeded: SeededDeal[] = [];
  for (const [n, d] of theme.deals.entries()) {
    const issuer = issuers[d.issuer ?? 0]!;
    const t = d.terms;
    const opensIn = d.status === 'draft' || d.status === 'pending_review' ? 10 + n : -(5 + ((n * 7) % 40));
    const input = createDealInput.parse({
      title: d.title,
      summary: d.summary,
      description: description(d),
      assetType: t.type,
      currency: t.cur,
      targetAmount: String(t.target),
      softCap: String(t.soft),
      hardCap: String(t.hard),
      minTicket: String(t.min),
      maxTicket: t.max === undefined ? undefined : String(t.max),
      valuation: t.valuation === undefined ? undefined : String(t.valuation),
      startsAt: new Date(now + opensIn * DAY).toISOString(),
      endsAt: new Date(now + (opensIn + 60) * DAY).toISOString(),
      // Tokens are sold offshore only, category 3 (the strictest: 230.903(b)(3)); the rest under Reg CF.
      compliance:
        t.type === 'token'
          ? { regimes: ['reg_s'], regSCategory: 3 }
          : { regimes: ['reg_cf'], formC: { fileNumber: `020-${String(10_000 + n)}`, filedOn: new Date(now + (Math.min(opensIn, 0) - 30) * DAY).toISOString().slice(0, 10) } },
    });
    const created = await createDeal(tenant, issuer, input, META);
    seeded.push({ id: created.id, status: d.status, n });
    const move = (p: Principal, action: 'submit' | 'approve' | 'mark_funded' | 'close' | 'complete' | 'cancel', reason?: string) => transitionDeal(tenant, p, created.id, { action, reason }, META);
    if (d.status === 'draft') continue;
    await move(issuer, 'submit');
    if (d.status === 'pending_review') continue;
    await move(admin, 'approve');
    // Demo deals opened days ago: published as long before, so their Reg CF commitments can be confirmed (227.303(a)(2): 21 days public).
    await withTenant(tenantId, null, (tx) => updateDeal(tx, created.id, { approved_at: new Date(now + (Math.min(opensIn, 0) - 25) * DAY) }));
    for (const [who, amount, confirmed] of d.raise ?? []) {
      const investor = investors[who]!;
      const r = await invest(cleared, investor, created.id, { amount, paymentMethod: t.cur === 'USDC' ? 'crypto' : 'wire', walletAddress: t.cur === 'USDC' ? DEMO_WALLETS[who] : undefined, orderCountry: 'DE' }, null, META);
      if (confirmed) await confirmInvestment(tenant, admin, (r.body as { investment: { id: string } }).investment.id, 'Demo: funds received', META);
    }
    if (d.featured) await setFeatured(tenant, admin, created.id, true, META);
    if (d.status === 'funded' || d.status === 'completed') await move(issuer, 'mark_funded');
    if (d.status === 'closed') await move(issuer, 'close');
    if (d.status === 'completed') await move(admin, 'complete');
    if (d.status === 'cancelled') await move(issuer, 'cancel', 'The lease fell through; the round is called off and no money was taken.');
  }
  await seedCommunityHistory(tenant, cleared, admin, investors as Principal[], a, theme, seeded, now);
  for (const d of seeded) await spreadDealHistory(tenantId, d, now);
  log(`seeded ${theme.deals.length} demo deals in ${tenantSlug}, with 90 days of history`);
  return theme.deals.length;
}
