import Link from 'next/link';
import type { Principal } from '@/server/auth/principal';
import type { TenantContext } from '@/server/tenancy/resolve';
import { cn } from './cn';
import { NavLinks, type NavItem } from './nav-links';
import { buttonVariants } from './primitives/button';
import { TenantLogo } from './tenant-logo';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';

/** Navigation by role: investors browse and hold; issuers also raise; admins also review. */
export function navFor(p: Principal | null): NavItem[] {
  const items: NavItem[] = [{ href: '/deals', label: 'Deals' }];
  if (!p) return items;
  items.push({ href: '/portfolio', label: 'Portfolio' });
  if (p.roles.includes('issuer')) items.push({ href: '/issuer/deals', label: 'My deals' });
  if (p.roles.includes('tenant_admin') || p.roles.includes('compliance_officer')) items.push({ href: '/admin', label: 'Admin' });
  return items;
}

export function SiteHeader({ tenant, principal }: { tenant: TenantContext; principal: Principal | null }) {
  const floating = tenant.theme.layout.headerStyle === 'floating';
  const items = navFor(principal);
  return (
    <header className={cn('z-40', floating ? 'sticky top-0 px-3 pt-3' : cn('border-b border-border bg-card', tenant.theme.layout.headerStyle === 'fixed' && 'sticky top-0 border-t-4 border-t-primary'))}>
      <div
        className={cn(
          'mx-auto flex h-16 max-w-6xl items-center gap-3 px-4',
          floating && 'rounded-brand border border-border bg-card/85 shadow-sm backdrop-blur supports-[backdrop-filter]:bg-card/75',
        )}
      >
        <Link href={principal ? '/deals' : '/'} className="flex min-w-0 items-center gap-2.5 rounded-md font-semibold">
          <TenantLogo tenant={tenant} />
          <span className="truncate text-[15px]">{tenant.name}</span>
        </Link>
        <NavLinks items={items} />
        <div className="ml-auto flex items-center gap-1">
          <ThemeToggle />
          {principal ? (
            <UserMenu name={`${principal.firstName} ${principal.lastName}`} email={principal.email} role={principal.role} items={items} />
          ) : (
            <>
              <Link href="/login" className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
                Log in
              </Link>
              <Link href="/signup" className={cn(buttonVariants({ size: 'sm' }), 'hidden sm:inline-flex')}>
                Create account
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
