import { Lock, Users } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { discoverGroups } from '@/server/groups/service';
import { EmptyState } from '@/ui/empty-state';
import { formatMoney, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Badge } from '@/ui/primitives/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { optionalSession } from '../../session';
import { FeatureOff } from '@/ui/feature-off';

export const metadata: Metadata = { title: 'Investment groups' };

export default async function GroupsPage() {
  const { tenant, principal } = await optionalSession();
  if (!tenant.features.investmentGroups) return <FeatureOff title="Investment groups" feature="investmentGroups" />;
  const { groups } = await discoverGroups(tenant, principal, false);
  return (
    <>
      <PageHeader title="Investment groups" description="Issuers’ own investor communities: members see deals reserved for them and hear first when a deal opens." />
      {groups.length === 0 ? (
        <EmptyState icon={Users} title="No groups yet">
          When issuers open their investment groups, you will find them here.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="group-list">
          {groups.map((g) => (
            <li key={g.id}>
              <Card className="h-full border-l-4" style={g.brandColor ? { borderLeftColor: g.brandColor } : undefined}>
                <CardHeader>
                  <CardTitle className="flex flex-wrap items-center gap-2">
                    <Link href={`/groups/${g.slug}`} className="hover:underline">
                      {g.name}
                    </Link>
                    {g.privacy === 'private' && (
                      <Badge tone="neutral">
                        <Lock className="size-3" aria-hidden /> Private
                      </Badge>
                    )}
                    {g.isMember && <Badge tone="success">Member</Badge>}
                  </CardTitle>
                  <CardDescription>by {g.issuer.name}</CardDescription>
                </CardHeader>
                <CardContent className="grid gap-2 text-sm">
                  {g.description && <p className="line-clamp-3 text-muted-foreground">{g.description}</p>}
                  <p>
                    {g.memberCount} member{g.memberCount === 1 ? '' : 's'}
                    {g.capacity !== null && ` of ${g.capacity}`}
                    {g.full && ' · full'}
                  </p>
                  <p className="text-muted-foreground">
                    {g.requirements.minVerificationLevel === 'none' ? 'Open to all investors' : `Needs ${humanize(g.requirements.minVerificationLevel)} verification`}
                    {g.requirements.requiresAccreditation && ' · accredited only'}
                    {g.requirements.minCommitment && ` · from ${formatMoney(g.requirements.minCommitment, g.requirements.currency)}`}
                  </p>
                  {g.focusAreas.length > 0 && (
                    <p className="flex flex-wrap gap-1">
                      {g.focusAreas.map((f) => (
                        <Badge key={f} tone="brand">
                          {f}
                        </Badge>
                      ))}
                    </p>
                  )}
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
