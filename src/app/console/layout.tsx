import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ThemeToggle } from '@/ui/theme-toggle';
import { ConsoleSignOut } from './console-sign-out';
import { currentConsoleAdmin } from './console-session';

export const metadata: Metadata = { title: { default: 'Operator console', template: '%s · Operator console' }, robots: { index: false } };

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const admin = await currentConsoleAdmin();
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-border bg-card">
        <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/console" className="font-semibold">
            Operator console
          </Link>
          <nav aria-label="Console" className="flex flex-wrap items-center gap-4 text-sm">
            {admin && (
              <>
                <Link href="/console" className="hover:underline">
                  Tenants
                </Link>
                <Link href="/console/audit" className="hover:underline">
                  Audit log
                </Link>
                <span className="text-muted-foreground">{admin.email}</span>
                <ConsoleSignOut />
              </>
            )}
            <ThemeToggle />
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  );
}
