import type { Metadata } from 'next';
import { NewsletterTokenAction } from '@/ui/newsletter-forms';

export const metadata: Metadata = { title: 'Unsubscribe' };

export default async function UnsubscribeNewsletterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const token = typeof q.token === 'string' ? q.token : '';
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Stop the newsletter?</h1>
      <p className="mb-6 text-sm text-muted-foreground">You followed the unsubscribe link of one of our newsletters. Confirm, and no more will be sent to you.</p>
      <NewsletterTokenAction kind="unsubscribe" token={token} />
    </>
  );
}
