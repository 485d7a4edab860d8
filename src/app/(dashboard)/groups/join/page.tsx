import type { Metadata } from 'next';
import { PageHeader } from '@/ui/page-header';
import { Alert } from '@/ui/primitives/alert';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { JoinByInvitation } from '@/ui/group-forms';
import { requireSession } from '../../../session';
import { FeatureOff } from '@/ui/feature-off';

export const metadata: Metadata = { title: 'Join an investment group' };

export default async function JoinGroupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const token = typeof sp.token === 'string' ? sp.token : '';
  const { tenant } = await requireSession(`/groups/join?token=${encodeURIComponent(token)}`);
  if (!tenant.features.investmentGroups) return <FeatureOff title="Join an investment group" feature="investmentGroups" />;
  return (
    <>
      <PageHeader title="Join an investment group" description="You were invited to a private group." />
      <Card className="max-w-xl">
        <CardHeader>
          <CardTitle>Your invitation</CardTitle>
          <CardDescription>Joining makes the group’s member-only deals visible to you. You can leave at any time.</CardDescription>
        </CardHeader>
        <CardContent>{token ? <JoinByInvitation token={token} /> : <Alert tone="error">This link has no invitation token; ask the group for a new link.</Alert>}</CardContent>
      </Card>
    </>
  );
}
