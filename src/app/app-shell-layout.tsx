// The signed-in app frame shared by the dashboard, issuer and admin route groups.
import type { ReactNode } from 'react';
import { AppShell } from '@/ui/app-shell';
import { optionalSession } from './session';

export default async function Layout({ children }: { children: ReactNode }) {
  const { tenant, principal } = await optionalSession();
  return (
    <AppShell tenant={tenant} principal={principal}>
      {children}
    </AppShell>
  );
}
