'use client';

import { LogOut, Menu, UserRound } from 'lucide-react';
import Link from 'next/link';
import { humanize } from './format';
import type { NavItem } from './nav-links';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from './primitives/dropdown-menu';

/** Account menu; on small screens it also carries the main navigation. */
export function UserMenu({ name, email, role, items }: { name: string; email: string; role: string; items: NavItem[] }) {
  const initials = name
    .split(/\s+/)
    .map((w) => w[0]?.toUpperCase())
    .join('')
    .slice(0, 2);
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex items-center gap-2 rounded-full border border-border bg-card py-1 pr-1 pl-2 text-sm hover:bg-muted md:pl-1"
        aria-label={`Account menu for ${name}`}
        data-testid="user-menu"
      >
        <Menu className="size-4 md:hidden" aria-hidden />
        <span aria-hidden className="grid size-8 place-items-center rounded-full bg-primary-soft text-xs font-semibold text-primary-text">
          {initials}
        </span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>
          <span className="block text-sm font-medium text-foreground">{name}</span>
          <span className="block truncate">{email}</span>
          <span className="mt-1 block">{humanize(role)}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <div className="md:hidden">
          {items.map((i) => (
            <DropdownMenuItem key={i.href} asChild>
              <Link href={i.href}>{i.label}</Link>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
        </div>
        <DropdownMenuItem asChild>
          <Link href="/profile">
            <UserRound aria-hidden /> Profile and security
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/logout" prefetch={false}>
            <LogOut aria-hidden /> Log out
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
