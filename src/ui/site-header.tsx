import Link from 'next/link';
import type { Principal } from '@/server/auth/principal';
import type { TenantContext } from '@/server/tenancy/resolve';
import { cn } from './cn';
import { NavLinks } from './nav-links';
import { NotificationBell } from './notification-bell';
import { buttonVariants } from './primitives/button';
import { TenantLogo } from './tenant-logo';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';
import { navFor, workspacesOf } from './workspaces';

export function SiteHeader({ tenant, principal }: { tenant: TenantContext; principal: Principal | null }) {
  const floating = tenant.theme.layout.headerStyle === 'floating';
  const items = navFor(principal, tenant.features);
  return (
    <header className={cn('z-40', floating ? 'sticky top-0 px-3 pt-3' : cn('border-b border-border bg-card', tenant.theme.layout.headerStyle === 'fixed' && 'sticky top-0 border-t-4 border-t-primary'))}>
      <div
        className={cn(
          'mx-auto flex h-16 max-w-6xl items-center gap-3 px-4',
          floating && 'rounded-brand border border-border bg-card/85 shadow-sm backdrop-blur supports-[backdrop-filter]:bg-card/75',
        )}
      >
        <Link href="/" aria-label={principal ? undefined : tenant.name} className="flex min-w-0 items-center gap-2.5 rounded-md font-semibold">
          <TenantLogo tenant={tenant} />
          {/* On a phone a visitor's header holds the links and both buttons: the logo names the community there. */}
          <span className={cn('truncate text-[15px]', !principal && 'hidden sm:inline')}>{tenant.name}</span>
        </Link>
        <NavLinks items={items} alwaysVisible={!principal} />
        <div className="ml-auto flex items-center gap-1">
          <ThemeToggle />
          {principal && <NotificationBell />}
          {principal ? (
            <UserMenu name={`${principal.firstName} ${principal.lastName}`} email={principal.email} role={principal.role} items={items} workspaces={workspacesOf(principal)} />
          ) : (
            <>
              <Link href="/login" className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
                Log in
              </Link>
              <Link href="/signup" className={buttonVariants({ size: 'sm' })}>
                <span className="sm:hidden">Sign up</span>
                <span className="hidden sm:inline">Create account</span>
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
