'use client';

import { Moon, Sun } from 'lucide-react';
import { useTheme } from 'next-themes';
import { buttonClass } from './primitives/button-classes';

/** Switches between light and dark; the icon shown follows the CSS class, so no hydration flash. */
export function ThemeToggle() {
  const { resolvedTheme, setTheme } = useTheme();
  return (
    <button
      type="button"
      className={buttonClass('ghost', 'icon')}
      aria-label="Switch between light and dark mode"
      onClick={() => setTheme(resolvedTheme === 'dark' ? 'light' : 'dark')}
      data-testid="theme-toggle"
    >
      <Sun className="size-5 dark:hidden" aria-hidden />
      <Moon className="hidden size-5 dark:block" aria-hidden />
    </button>
  );
}
