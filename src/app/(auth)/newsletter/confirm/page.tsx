import type { Metadata } from 'next';
import { NewsletterTokenAction } from '@/ui/newsletter-forms';

export const metadata: Metadata = { title: 'Confirm your subscription' };

export default async function ConfirmNewsletterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const token = typeof q.token === 'string' ? q.token : '';
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Confirm your subscription</h1>
      <p className="mb-6 text-sm text-muted-foreground">One more step: confirm that this address should receive the newsletter.</p>
      <NewsletterTokenAction kind="confirm" token={token} />
    </>
  );
}
