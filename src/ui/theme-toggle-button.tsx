'use client';

import { useTheme } from 'next-themes';
import type { ReactNode } from 'react';
import { buttonClass } from './primitives/button-classes';

/** Switches between light and dark; its icons come rendered from the server (see theme-toggle.tsx). */
export function ThemeToggleButton({ children }: { children: ReactNode }) {
  const { resolvedTheme, setTheme } = useTheme();
  return (
    <button
      type="button"
      className={buttonClass('ghost', 'icon')}
      aria-label="Switch between light and dark mode"
      onClick={() => setTheme(resolvedTheme === 'dark' ? 'light' : 'dark')}
      data-testid="theme-toggle"
    >
      {children}
    </button>
  );
}
