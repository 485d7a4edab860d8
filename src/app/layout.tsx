import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { currentTenant } from './current-tenant';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const tenant = await currentTenant();
  return {
    title: tenant ? tenant.name : 'Community Deals',
    icons: tenant?.theme.logo.favicon ? [{ url: tenant.theme.logo.favicon }] : undefined,
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const tenant = await currentTenant();
  const c = tenant?.theme.colors;
  // Branding becomes CSS variables at request time: two hosts, two looks, one build.
  const style = {
    '--tenant-primary': c?.primary ?? '#2563EB',
    '--tenant-secondary': c?.secondary ?? '#7C3AED',
    '--tenant-accent': c?.accent ?? '#F59E0B',
    '--tenant-background': c?.background ?? '#FFFFFF',
    '--tenant-text': c?.text ?? '#0F172A',
    '--tenant-font': tenant?.theme.typography.fontFamily ?? 'Inter',
  } as React.CSSProperties;
  return (
    <html lang="en">
      <body style={style} className="min-h-screen antialiased">
        {children}
      </body>
    </html>
  );
}
