import { Moon, Sun } from 'lucide-react';
import { ThemeToggleButton } from './theme-toggle-button';

/** The light/dark switch. The icon shown follows the CSS class, so there is no hydration flash. */
export function ThemeToggle() {
  return (
    <ThemeToggleButton>
      <Sun className="size-5 dark:hidden" aria-hidden />
      <Moon className="hidden size-5 dark:block" aria-hidden />
    </ThemeToggleButton>
  );
}
