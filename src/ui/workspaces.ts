import type { Principal } from '@/server/auth/principal';
import type { Role } from '@/server/db/types';
import type { TenantFeatures } from '@/server/tenancy/features';
import type { NavItem } from './nav-links';

// Each role has its own workspace: investors browse deals and hold a portfolio, issuers run
// their deals, compliance officers work the review queues, tenant admins administer. A person
// with several roles sees each of theirs and switches between them.

type Workspace = NavItem & { roles: readonly Role[] };

const WORKSPACES: Workspace[] = [
  { href: '/portfolio', label: 'Portfolio', roles: ['investor'] },
  { href: '/issuer/deals', label: 'My deals', roles: ['issuer'] },
  { href: '/issuer/group', label: 'My group', roles: ['issuer'] },
  { href: '/compliance', label: 'Review queues', roles: ['compliance_officer'] },
  { href: '/compliance/deals', label: 'Offerings', roles: ['compliance_officer'] },
  { href: '/broker', label: 'Broker', roles: ['broker'] },
  { href: '/transfer-agent', label: 'Registers', roles: ['transfer_agent'] },
  { href: '/admin', label: 'Admin', roles: ['tenant_admin'] },
];

/** Where a person starts after logging in: the workspace of the most specific role they hold. */
const LANDING: [Role, string][] = [
  ['tenant_admin', '/admin'],
  ['compliance_officer', '/compliance'],
  ['transfer_agent', '/transfer-agent'],
  ['broker', '/broker'],
  ['issuer', '/issuer/deals'],
];

export function workspacesOf(p: Principal): NavItem[] {
  return WORKSPACES.filter((w) => w.roles.some((r) => p.roles.includes(r))).map(({ href, label }) => ({ href, label }));
}

export function workspaceHome(p: Principal): string {
  return LANDING.find(([role]) => p.roles.includes(role))?.[1] ?? '/deals';
}

/**
 * The header's links, by what the tenant offers: deals always; investment groups when the tenant
 * runs them; staking, lending and the community feed (pages for members only) when signed in and
 * the tenant offers them; referrals for members when the tenant runs them; then the person's workspaces.
 */
export function navFor(p: Principal | null, features: Pick<TenantFeatures, 'investmentGroups' | 'staking' | 'lending' | 'socialFeatures' | 'referrals'> & Partial<Pick<TenantFeatures, 'assetTokenization'>>): NavItem[] {
  const offered: [boolean, NavItem][] = [
    [true, { href: '/deals', label: 'Deals' }],
    [features.investmentGroups, { href: '/groups', label: 'Groups' }],
    [!!p && features.staking, { href: '/staking', label: 'Staking' }],
    [!!p && features.lending, { href: '/lending', label: 'Lending' }],
    [!!p && features.socialFeatures, { href: '/feed', label: 'Community' }],
    [!!p && !!features.assetTokenization, { href: '/assets', label: 'Assets' }],
    [!!p && features.referrals, { href: '/referrals', label: 'Referrals' }],
  ];
  return [...offered.filter(([on]) => on).map(([, item]) => item), ...(p ? workspacesOf(p) : [])];
}
