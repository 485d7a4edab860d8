import type { ReactNode } from 'react';
import type { Principal } from '@/server/auth/principal';
import type { TenantContext } from '@/server/tenancy/resolve';
import { SiteHeader } from './site-header';

export function AppShell({ tenant, principal, children }: { tenant: TenantContext; principal: Principal | null; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-card focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <SiteHeader tenant={tenant} principal={principal} />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:py-10">
        {children}
      </main>
      <footer className="border-t border-border">
        <div className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-6 text-xs text-muted-foreground sm:flex-row sm:justify-between">
          <p>© {new Date().getUTCFullYear()} {tenant.name}</p>
          <p>Investments carry risk, including loss of capital. Funds stay in escrow until you are cleared (on chain for on-chain deals, in the platform’s ledger otherwise).</p>
        </div>
      </footer>
    </div>
  );
}
