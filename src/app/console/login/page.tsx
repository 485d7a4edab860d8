import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentConsoleAdmin } from '../console-session';
import { ConsoleLoginForm } from './console-login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function ConsoleLoginPage() {
  if (await currentConsoleAdmin()) redirect('/console');
  return (
    <div className="mx-auto mt-6 w-full max-w-md rounded-brand border border-border bg-card p-6 shadow-lg sm:p-8">
      <ConsoleLoginForm />
    </div>
  );
}
