import Link from 'next/link';
import type { ReactNode } from 'react';
import { TenantLogo } from '@/ui/tenant-logo';
import { ThemeToggle } from '@/ui/theme-toggle';
import { requireTenant } from '../session';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const tenant = await requireTenant();
  return (
    <div className="relative flex min-h-screen flex-col bg-[radial-gradient(ellipse_at_top,var(--primary-soft),transparent_60%)]">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between px-4 py-5">
        <Link href="/" className="flex items-center gap-2.5 rounded-md font-semibold">
          <TenantLogo tenant={tenant} />
          <span>{tenant.name}</span>
        </Link>
        <ThemeToggle />
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pt-6 pb-16 sm:pt-12">
        <div className="w-full max-w-md rounded-brand border border-border bg-card p-6 shadow-lg sm:p-8">{children}</div>
      </main>
    </div>
  );
}
