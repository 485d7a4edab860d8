import type { Role } from '../db/types';
import { seedDemoChain } from './demo-chain';
import { principalFor, seedDemoDeals } from './demo-deals';
import { seedDemoGroup } from './demo-groups';
import { getConfig } from '../config';
import { createPlatformAdmin, platformAdminSecret } from './console/sign-in';
import { seedDemoFeed } from './demo-feed';
import { seedDemoAssets } from './demo-assets';
import { seedDemoLending } from './demo-lending';
import { seedDemoNewsletter } from './demo-newsletter';
import { seedDemoReferrals } from './demo-referrals';
import { seedDemoBrokers } from './demo-brokers';
import { addUser, createTenant, tenantIdBySlug } from './tenants';

// The demo platform a first `npm start` shows: two communities that look and behave apart.
export const DEMO_PASSWORD = 'Demo-Invest-2026';

type DemoTenant = { slug: 'alpha' | 'beta'; name: string; theme: object; users: { email: string; firstName: string; lastName: string; roles: Role[] }[] };

const tenants: DemoTenant[] = [
  {
    slug: 'alpha',
    name: 'Alpha Angels',
    theme: { colors: { primary: '#2563EB', secondary: '#7C3AED', accent: '#F59E0B', background: '#FFFFFF', text: '#0F172A' }, layout: { style: 'modern', sidebarPosition: 'left', headerStyle: 'floating' } },
    users: [
      { email: 'issuer@alpha.example', firstName: 'Ines', lastName: 'Issuer', roles: ['issuer'] },
      { email: 'investor1@alpha.example', firstName: 'Ivan', lastName: 'Investor', roles: ['investor'] },
      { email: 'investor2@alpha.example', firstName: 'Iris', lastName: 'Investor', roles: ['investor'] },
      { email: 'broker@alpha.example', firstName: 'Bram', lastName: 'Broker', roles: ['broker'] },
      { email: 'registrar@alpha.example', firstName: 'Tara', lastName: 'Registrar', roles: ['transfer_agent'] },
    ],
  },
  {
    slug: 'beta',
    name: 'Beta Builders Club',
    theme: { colors: { primary: '#059669', secondary: '#0F766E', accent: '#E11D48', background: '#F8FAFC', text: '#111827' }, layout: { style: 'classic', sidebarPosition: 'right', headerStyle: 'fixed' } },
    users: [
      { email: 'issuer@beta.example', firstName: 'Bea', lastName: 'Issuer', roles: ['issuer'] },
      { email: 'investor1@beta.example', firstName: 'Bruno', lastName: 'Investor', roles: ['investor'] },
      { email: 'investor2@beta.example', firstName: 'Bianca', lastName: 'Investor', roles: ['investor'] },
    ],
  },
];

export type DemoAccount = { tenant: string; email: string; roles: Role[] };

/** Creates the demo tenants once; returns the accounts (also when they already existed). */
export async function seedDemo(log: (m: string) => void = () => {}): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const t of tenants) {
    const admin = { email: `admin@${t.slug}.example`, firstName: 'Ada', lastName: 'Admin' };
    accounts.push({ tenant: t.slug, email: admin.email, roles: ['tenant_admin'] }, ...t.users.map((u) => ({ tenant: t.slug, email: u.email, roles: u.roles })));
    let id = await tenantIdBySlug(t.slug);
    if (!id) {
      id = (await createTenant({ adminId: null }, { name: t.name, slug: t.slug, theme: t.theme, admin: { ...admin, password: DEMO_PASSWORD } })).id;
      for (const u of t.users) await addUser(id, { ...u, password: DEMO_PASSWORD });
      log(`seeded tenant ${t.slug} (${t.name})`);
    } else {
      // Demo accounts added after the tenant was first seeded (the broker and the transfer agent).
      for (const u of t.users) if (!(await principalFor(id, u.email))) await addUser(id, { ...u, password: DEMO_PASSWORD });
    }
    // Also for tenants seeded before demo deals existed; a tenant with deals is left alone.
    const emailsWith = (role: Role) => t.users.filter((u) => u.roles.includes(role)).map((u) => u.email);
    const [investor1, investor2] = emailsWith('investor');
    await seedDemoDeals(id, t.slug, { theme: t.slug, password: DEMO_PASSWORD, admin: admin.email, issuer: emailsWith('issuer')[0]!, investors: [investor1!, investor2!] }, log);
    // The demo issuer's investment group: members, an application waiting, a member-only deal, a pre-commitment.
    await seedDemoGroup(id, t.slug, { issuer: emailsWith('issuer')[0]!, investors: [investor1!, investor2!] }, log);
    // Money on chain (local anvil): the tenant's factory, an on-chain deal, escrows funded from dev wallets.
    await seedDemoChain(id, t.slug, { admin: admin.email, issuer: emailsWith('issuer')[0]!, investors: [investor1!, investor2!] }, log);
    // A newsletter draft and two subscribers; a showcase, so a failure does not stop start-up.
    await seedDemoNewsletter(id, t.slug, { admin: admin.email, investors: [investor1!, investor2!] }, log).catch((e: unknown) =>
      log(`demo newsletter not seeded (the platform runs without it): ${e instanceof Error ? e.message : String(e)}`),
    );
    // Alpha also lends: a tUSD pool against a demo collateral, with the lending feature on.
    // The demo lending pool is a showcase: if its chain transactions fail (seen once as a revert
    // while another platform ran on the same machine), the platform still starts without it.
    // Alpha's broker (representing investor2) and transfer agent; a failure leaves the platform starting without them.
    if (t.slug === 'alpha')
      await seedDemoBrokers(id, t.slug, { admin: admin.email, broker: emailsWith('broker')[0]!, transferAgent: emailsWith('transfer_agent')[0]!, client: investor2! }, log).catch((e: unknown) =>
        log(`demo broker and transfer agent not seeded (the platform runs without them): ${e instanceof Error ? e.message : String(e)}`),
      );
    if (t.slug === 'alpha')
      await seedDemoLending(id, t.slug, admin.email, log).catch((e: unknown) =>
        log(`demo lending pool not seeded (the platform runs without it): ${e instanceof Error ? e.message : String(e)}`),
      );
    // Alpha's community feed (socialFeatures on): a showcase too, never a reason not to start.
    if (t.slug === 'alpha')
      await seedDemoFeed(id, t.slug, { admin: admin.email, issuer: emailsWith('issuer')[0]!, investors: [investor1!, investor2!] }, log).catch((e: unknown) =>
        log(`demo community feed not seeded (the platform runs without it): ${e instanceof Error ? e.message : String(e)}`),
      );
    // Alpha's referral rule and investor1's link to share; a failure leaves the platform starting without them.
    if (t.slug === 'alpha')
      await seedDemoReferrals(id, { admin: admin.email, investor: investor1! }, log).catch((e: unknown) =>
        log(`demo referral link not seeded (the platform runs without it): ${e instanceof Error ? e.message : String(e)}`),
      );
    // Alpha tokenizes a building: approved here, its token deployed by the job worker's next chain pass.
    if (t.slug === 'alpha')
      await seedDemoAssets(id, t.slug, { admin: admin.email, issuer: emailsWith('issuer')[0]! }, log).catch((e: unknown) =>
        log(`demo asset not seeded (the platform runs without it): ${e instanceof Error ? e.message : String(e)}`),
      );
  }
  return accounts;
}

/** The demo operator: signs in to the console with DEMO_PASSWORD and a TOTP code from its secret. */
export const DEMO_OPERATOR_EMAIL = 'operator@platform.example';

/**
 * Local runs only: one platform admin for the console, created once. Its TOTP secret is read
 * back for the start banner (an authenticator app takes the otpauth URL; `npm run console:code`
 * prints the current code). Never in production: there the operator adds admins themselves.
 */
export async function seedDemoOperator(log: (m: string) => void = () => {}): Promise<{ email: string; secret: string; otpauthUrl: string } | null> {
  if (getConfig().APP_ENV === 'production') return null;
  let found = await platformAdminSecret(DEMO_OPERATOR_EMAIL);
  if (!found) {
    const created = await createPlatformAdmin({ email: DEMO_OPERATOR_EMAIL, name: 'Olga Operator', password: DEMO_PASSWORD });
    found = { secret: created.secret, otpauthUrl: created.otpauthUrl };
    log(`seeded platform admin ${DEMO_OPERATOR_EMAIL}`);
  }
  return { email: DEMO_OPERATOR_EMAIL, ...found };
}
