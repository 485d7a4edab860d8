'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';

/**
 * A WAI-ARIA menu button written out by hand (about a kilobyte instead of a popper library on
 * every page). The trigger's content and the menu's items are rendered on the server and passed
 * in; this only opens and closes: opening focuses the first item, arrows/Home/End move, Escape
 * returns focus to the button, Tab, choosing an item or a click elsewhere closes it. Items are
 * the descendants with role="menuitem" (give them tabIndex={-1}).
 */
export function MenuButton({ label, triggerClassName, menuClassName, trigger, children, testId }: { label: string; triggerClassName: string; menuClassName: string; trigger: ReactNode; children: ReactNode; testId?: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const id = useId();

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []).filter((el) => el.offsetParent !== null);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onMenuKey = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'Tab') return setOpen(false);
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else return;
    e.preventDefault();
  };
  const onMenuClick = (e: MouseEvent) => {
    if ((e.target as HTMLElement).closest('[role="menuitem"]')) setOpen(false);
  };

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        className={triggerClassName}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {trigger}
      </button>
      {open && (
        <div ref={menu} id={id} role="menu" aria-label={label} onKeyDown={onMenuKey} onClick={onMenuClick} className={menuClassName}>
          {children}
        </div>
      )}
    </div>
  );
}
