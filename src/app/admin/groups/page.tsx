import { Layers, Trash2 } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listDealGroups } from '@/server/deal-content/groups';
import { browseDeals } from '@/server/deals/browse';
import { listDealsQuery } from '@/server/deals/schema';
import { ConfirmAction } from '@/ui/confirm-action';
import { AddDealToGroup, NewDealGroupForm } from '@/ui/deal-group-forms';
import { EmptyState } from '@/ui/empty-state';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Deal groups' };

/** Campaigns that group published deals; each deal's page lists the groups it is in. */
export default async function AdminDealGroupsPage() {
  const { tenant, principal } = await requireSession('/admin/groups', ['tenant_admin']);
  const [{ groups }, { deals }] = await Promise.all([listDealGroups(tenant, principal), browseDeals(tenant, principal, listDealsQuery.parse({ limit: 100 }))]);
  const published = deals.filter((d) => ['active', 'funded', 'closed', 'completed'].includes(d.status));
  return (
    <>
      <PageHeader title="Administration" description="Deal groups: campaigns that bring related deals together on their pages." />
      <AdminNav current="/admin/groups" />
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="grid content-start gap-4">
          {groups.length === 0 ? (
            <EmptyState icon={Layers} title="No groups yet">
              Create one to group related deals.
            </EmptyState>
          ) : (
            groups.map((g) => (
              <Card key={g.id} data-testid="group-row">
                <CardHeader>
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <CardTitle>{g.name}</CardTitle>
                    <ConfirmAction
                      label="Delete"
                      icon={<Trash2 aria-hidden />}
                      ariaLabel={`Delete the group ${g.name}`}
                      title={`Delete the group ${g.name}?`}
                      description="The deals stay as they are; only the group goes."
                      confirmLabel="Delete"
                      request={{ path: `/api/deal-groups/${g.id}`, method: 'DELETE' }}
                    />
                  </div>
                  {g.description && <CardDescription>{g.description}</CardDescription>}
                </CardHeader>
                <CardContent className="grid gap-3">
                  {g.deals.length === 0 ? (
                    <p className="text-sm text-muted-foreground">No deals in this group.</p>
                  ) : (
                    <ul className="grid gap-2 text-sm">
                      {g.deals.map((d) => (
                        <li key={d.id} className="flex flex-wrap items-center justify-between gap-2">
                          <Link href={`/deals/${d.slug}`} className="font-medium hover:underline">
                            {d.title}
                          </Link>
                          <ConfirmAction
                            label="Remove"
                            icon={<Trash2 aria-hidden />}
                            ariaLabel={`Remove ${d.title} from ${g.name}`}
                            title={`Remove ${d.title} from ${g.name}?`}
                            description="The deal no longer shows the group on its page."
                            confirmLabel="Remove"
                            request={{ path: `/api/deal-groups/${g.id}/deals/${d.id}`, method: 'DELETE' }}
                          />
                        </li>
                      ))}
                    </ul>
                  )}
                  <AddDealToGroup groupId={g.id} groupName={g.name} deals={published.filter((d) => !g.deals.some((x) => x.id === d.id)).map((d) => ({ id: d.id, title: d.title }))} />
                </CardContent>
              </Card>
            ))
          )}
        </div>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>New group</CardTitle>
          </CardHeader>
          <CardContent>
            <NewDealGroupForm />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
