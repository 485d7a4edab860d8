'use client';

import { ThemeProvider as NextThemes } from 'next-themes';
import type { ReactNode } from 'react';

/** Light/dark/system via a class on <html>; the nonce lets its no-flash script pass the CSP. The tenant picks the default. */
export function ThemeProvider({ children, nonce, defaultTheme = 'system' }: { children: ReactNode; nonce?: string; defaultTheme?: 'system' | 'light' | 'dark' }) {
  return (
    <NextThemes attribute="class" defaultTheme={defaultTheme} enableSystem disableTransitionOnChange nonce={nonce}>
      {children}
    </NextThemes>
  );
}
