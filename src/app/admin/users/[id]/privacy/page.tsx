import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AppError } from '@/server/errors';
import { erasureStatus } from '@/server/privacy/service';
import { listUserSessions } from '@/server/users/service';
import { MemberPrivacy } from '@/ui/member-privacy';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { requireSession } from '../../../../session';

export const metadata: Metadata = { title: 'Member data' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A member's data request or erasure request, carried out by a tenant admin on their behalf. */
export default async function MemberPrivacyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal } = await requireSession(`/admin/users/${id}/privacy`, ['tenant_admin']);
  if (!UUID.test(id)) notFound();
  let view;
  let erasure;
  try {
    [view, erasure] = await Promise.all([listUserSessions(tenant, principal, id), erasureStatus(tenant, principal, id)]);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) notFound();
    throw e;
  }
  const name = `${view.user.firstName} ${view.user.lastName}`;
  return (
    <>
      <Link href="/admin/users" className="mb-6 inline-flex items-center gap-1.5 rounded-md text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> Users
      </Link>
      <PageHeader title={`Data of ${name}`} description={`${view.user.email} · for a request the member made to you: a copy of their data, or erasure after ${erasure.delayDays} days.`} />
      <Card>
        <CardContent className="pt-6">
          <MemberPrivacy base={`/api/admin/users/${id}`} who={name} scheduled={erasure.scheduled} delayDays={erasure.delayDays} />
        </CardContent>
      </Card>
    </>
  );
}
