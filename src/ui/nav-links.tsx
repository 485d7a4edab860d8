'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export type NavItem = { href: string; label: string };

const LINK = 'rounded-md px-3 py-2 text-sm font-medium';
const IDLE = `${LINK} text-muted-foreground hover:bg-muted hover:text-foreground`;
const ACTIVE = `${LINK} bg-primary-soft text-primary-text`;

/** The header's links; hidden on phones (the account menu carries them) unless nobody is signed in. */
export function NavLinks({ items, alwaysVisible = false }: { items: NavItem[]; alwaysVisible?: boolean }) {
  const path = usePathname();
  const matches = (href: string) => path === href || path.startsWith(`${href}/`);
  // The most specific link is the current one (/compliance/deals, not also /compliance).
  const current = items.filter((i) => matches(i.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="Main" className={alwaysVisible ? 'flex items-center gap-1' : 'hidden items-center gap-1 md:flex'}>
      {items.map((i, n) => {
        const active = i.href === current;
        // A visitor's phone header has room for one link beside the logo and both buttons: the first (Deals).
        const phone = alwaysVisible && n > 0 ? 'max-sm:hidden' : '';
        return (
          <Link key={i.href} href={i.href} aria-current={active ? 'page' : undefined} className={`${active ? ACTIVE : IDLE} ${phone}`}>
            {i.label}
          </Link>
        );
      })}
    </nav>
  );
}
