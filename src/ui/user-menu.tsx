'use client';

import { LogOut, Menu, UserRound } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { humanize } from './format';
import type { NavItem } from './nav-links';

const ITEM = 'flex items-center gap-2 rounded-md px-2.5 py-2 text-sm outline-none select-none hover:bg-muted focus-visible:bg-muted [&_svg]:size-4 [&_svg]:text-muted-foreground';
const SEPARATOR = <div role="separator" className="-mx-1 my-1 h-px bg-border" />;

/**
 * Account menu; on small screens it also carries the main navigation. A WAI-ARIA menu button
 * written out by hand (a few hundred bytes instead of a popper library on every page): opening
 * focuses the first item, arrows/Home/End move, Escape returns focus to the button, Tab or a
 * click elsewhere closes it.
 */
export function UserMenu({ name, email, role, items }: { name: string; email: string; role: string; items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();
  const initials = name
    .split(/\s+/)
    .map((w) => w[0]?.toUpperCase())
    .join('')
    .slice(0, 2);

  const menuItems = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []).filter((el) => el.offsetParent !== null);

  useEffect(() => {
    if (!open) return;
    menuItems()[0]?.focus();
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onMenuKey = (e: KeyboardEvent) => {
    const all = menuItems();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'Tab') setOpen(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  };

  const close = () => setOpen(false);
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        className="flex items-center gap-2 rounded-full border border-border bg-card py-1 pr-1 pl-2 text-sm hover:bg-muted md:pl-1"
        aria-label={`Account menu for ${name}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-testid="user-menu"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Menu className="size-4 md:hidden" aria-hidden />
        <span aria-hidden className="grid size-8 place-items-center rounded-full bg-primary-soft text-xs font-semibold text-primary-text">
          {initials}
        </span>
      </button>
      {open && (
        <div
          ref={menu}
          id={id}
          role="menu"
          aria-label={`Account menu for ${name}`}
          onKeyDown={onMenuKey}
          className="absolute right-0 z-50 mt-1.5 min-w-52 rounded-[calc(var(--radius-brand)*0.75)] border border-border bg-card p-1 text-foreground shadow-lg"
        >
          <div className="px-2.5 py-2 text-xs text-muted-foreground">
            <span className="block text-sm font-medium text-foreground">{name}</span>
            <span className="block truncate">{email}</span>
            <span className="mt-1 block">{humanize(role)}</span>
          </div>
          {SEPARATOR}
          <div className="md:hidden">
            {items.map((i) => (
              <Link key={i.href} href={i.href} role="menuitem" tabIndex={-1} className={ITEM} onClick={close}>
                {i.label}
              </Link>
            ))}
            {SEPARATOR}
          </div>
          <Link href="/profile" role="menuitem" tabIndex={-1} className={ITEM} onClick={close}>
            <UserRound aria-hidden /> Profile and security
          </Link>
          <Link href="/logout" prefetch={false} role="menuitem" tabIndex={-1} className={ITEM} onClick={close}>
            <LogOut aria-hidden /> Log out
          </Link>
        </div>
      )}
    </div>
  );
}
