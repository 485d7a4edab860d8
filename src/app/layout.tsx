import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { palette, paletteCss } from '@/ui/brand-palette';
import { ThemeProvider } from '@/ui/theme-provider';
import { currentTenant } from './current-tenant';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const tenant = await currentTenant();
  return {
    title: tenant ? { default: tenant.name, template: `%s · ${tenant.name}` } : 'Community Deals',
    description: tenant ? `${tenant.name}: invest in vetted community deals.` : 'Invest in vetted community deals.',
    // The tenant's icon, or /favicon.ico, which draws one in the tenant's colour.
    icons: [{ url: tenant?.theme.logo.favicon ?? '/favicon.ico' }],
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

const RADIUS = { modern: '0.85rem', classic: '0.3rem', minimal: '0.5rem' } as const;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [tenant, h] = await Promise.all([currentTenant(), headers()]);
  const nonce = h.get('x-nonce') ?? undefined;
  let css = '';
  if (tenant) {
    // Branding becomes CSS variables at request time: two hosts, two looks, one build.
    // Every value here passed the theme schema (hex colours, word-only font names).
    const { colors, typography, layout } = tenant.theme;
    const fonts = `--tenant-font:"${typography.fontFamily}";--tenant-heading-font:"${typography.headingFont}";--tenant-font-size:${typography.fontSize.base};--tenant-radius:${RADIUS[layout.style]};`;
    css = `:root{${paletteCss(palette(colors, 'light'))}${fonts}}.dark{${paletteCss(palette(colors, 'dark'))}}`;
  }
  return (
    <html lang="en" suppressHydrationWarning data-layout={tenant?.theme.layout.style ?? 'modern'}>
      {/* Not `css && …`: an empty string is a text node in <head>, which fails hydration (React #418) and drops the page title. */}
      <head>{css ? <style id="tenant-theme" dangerouslySetInnerHTML={{ __html: css }} /> : null}</head>
      <body className="min-h-screen bg-background text-foreground antialiased">
        <ThemeProvider nonce={nonce} defaultTheme={tenant?.theme.layout.colorMode}>{children}</ThemeProvider>
      </body>
    </html>
  );
}
