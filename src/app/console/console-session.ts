import { cookies, headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getConfig } from '@/server/config';
import { CONSOLE_COOKIE } from '@/server/platform/console/http';
import { authenticateConsole, type ConsoleAdmin } from '@/server/platform/console/sign-in';
import { isConsoleHost } from '@/server/tenancy/resolve';

/** The console exists on its own host only; anywhere else these pages are 404. */
export async function requireConsoleHost(): Promise<void> {
  const h = await headers();
  const config = getConfig();
  if (!isConsoleHost((config.TRUST_PROXY && h.get('x-forwarded-host')) || h.get('host'))) notFound();
}

/** The signed-in platform admin, or null. */
export const currentConsoleAdmin = cache(async (): Promise<ConsoleAdmin | null> => {
  await requireConsoleHost();
  const token = (await cookies()).get(CONSOLE_COOKIE)?.value;
  return token ? authenticateConsole(token) : null;
});

export async function requireConsoleAdmin(): Promise<ConsoleAdmin> {
  const admin = await currentConsoleAdmin();
  if (!admin) redirect('/console/login');
  return admin;
}
