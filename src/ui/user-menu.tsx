import { Handshake, LogOut, Menu, UserRound } from 'lucide-react';
import Link from 'next/link';
import { initialsOf } from './initials';
import { roleLabel } from './status-labels';
import { MenuButton } from './menu-button';
import type { NavItem } from './nav-links';

const ITEM = 'flex items-center gap-2 rounded-md px-2.5 py-2 text-sm outline-none select-none hover:bg-muted focus-visible:bg-muted [&_svg]:size-4 [&_svg]:text-muted-foreground';
const SEPARATOR = <div role="separator" className="-mx-1 my-1 h-px bg-border" />;

/** Account menu; on small screens it also carries the main navigation. Rendered on the server. */
export function UserMenu({ name, email, role, items, workspaces }: { name: string; email: string; role: string; items: NavItem[]; workspaces: NavItem[] }) {
  const initials = initialsOf(name);
  return (
    <MenuButton
      label={`Account menu for ${name}`}
      testId="user-menu"
      triggerClassName="flex items-center gap-2 rounded-full border border-border bg-card py-1 pr-1 pl-2 text-sm hover:bg-muted md:pl-1"
      menuClassName="absolute right-0 z-50 mt-1.5 min-w-52 rounded-[calc(var(--radius-brand)*0.75)] border border-border bg-card p-1 text-foreground shadow-lg"
      trigger={
        <>
          <Menu className="size-4 md:hidden" aria-hidden />
          <span aria-hidden className="grid size-8 place-items-center rounded-full bg-primary-soft text-xs font-semibold text-primary-text">
            {initials}
          </span>
        </>
      }
    >
      <div className="px-2.5 py-2 text-xs text-muted-foreground">
        <span className="block text-sm font-medium text-foreground">{name}</span>
        <span className="block truncate">{email}</span>
        <span className="mt-1 block">{roleLabel(role)}</span>
      </div>
      {SEPARATOR}
      <div className="md:hidden">
        {items.map((i) => (
          <Link key={i.href} href={i.href} role="menuitem" tabIndex={-1} className={ITEM}>
            {i.label}
          </Link>
        ))}
        {SEPARATOR}
      </div>
      {workspaces.length > 1 && (
        <div className="hidden md:block" role="group" aria-label="Switch workspace">
          <p className="px-2.5 pt-1 pb-1 text-xs text-muted-foreground">Switch workspace</p>
          {workspaces.map((i) => (
            <Link key={i.href} href={i.href} role="menuitem" tabIndex={-1} className={ITEM}>
              {i.label}
            </Link>
          ))}
          {SEPARATOR}
        </div>
      )}
      <Link href="/profile" role="menuitem" tabIndex={-1} className={ITEM}>
        <UserRound aria-hidden /> Profile and security
      </Link>
      <Link href="/my-broker" role="menuitem" tabIndex={-1} className={ITEM}>
        <Handshake aria-hidden /> My broker
      </Link>
      <Link href="/logout" prefetch={false} role="menuitem" tabIndex={-1} className={ITEM}>
        <LogOut aria-hidden /> Log out
      </Link>
    </MenuButton>
  );
}
