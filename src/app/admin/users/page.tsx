import type { Metadata } from 'next';
import Link from 'next/link';
import { malformedText } from '@/server/http/validation';
import { listTenantUsers } from '@/server/users/service';
import { RoleEditor } from '@/ui/admin-actions';
import { formatDate } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Input } from '@/ui/primitives/input';
import { Button } from '@/ui/primitives/button';
import { Card, CardContent } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { StatusBadge } from '@/ui/status-badge';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Users' };

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<{ search?: string }> }) {
  const { tenant, principal } = await requireSession('/admin/users', ['tenant_admin']);
  const typed = (await searchParams).search?.trim().slice(0, 200);
  // A NUL or lone surrogate cannot be searched for (PostgreSQL refuses it): searched as nothing.
  const search = typed && malformedText(typed).length === 0 ? typed : undefined;
  const list = await listTenantUsers(tenant, principal, { search, limit: 100, offset: 0 });
  return (
    <>
      <PageHeader title="Administration" description={`${list.total} ${list.total === 1 ? 'person' : 'people'} on ${tenant.name}.`} />
      <AdminNav current="/admin/users" />
      <form role="search" action="/admin/users" className="mb-4 flex max-w-md gap-2">
        <label htmlFor="user-search" className="sr-only">
          Search users
        </label>
        <Input id="user-search" type="search" name="search" defaultValue={search ?? ''} placeholder="Search by name or email" />
        <Button type="submit" variant="outline">
          Search
        </Button>
      </form>
      <Card>
        <CardContent className="px-3 pt-3 sm:px-5">
          <Table stacked>
            <caption className="sr-only">Users</caption>
            <THead stacked>
              <tr>
                <TH scope="col">Person</TH>
                <TH scope="col">Status</TH>
                <TH scope="col">KYC</TH>
                <TH scope="col">Joined</TH>
                <TH scope="col">Roles</TH>
              </tr>
            </THead>
            <TBody stacked>
              {list.users.map((u) => (
                <TR key={u.id} stacked data-testid="user-row">
                  <TD className="max-md:p-0">
                    <p className="font-medium">
                      {u.firstName} {u.lastName}
                    </p>
                    <p className="text-xs break-all text-muted-foreground">{u.email}</p>
                    <p className="mt-1 flex flex-wrap gap-x-3 text-xs">
                      <Link href={`/admin/audit?actorId=${u.id}`} className="font-medium text-primary-text hover:underline">
                        Activity<span className="sr-only"> of {u.email}</span>
                      </Link>
                      <Link href={`/admin/audit?targetId=${u.id}`} className="font-medium text-primary-text hover:underline">
                        Actions on them<span className="sr-only"> ({u.email})</span>
                      </Link>
                      <Link href={`/admin/users/${u.id}/sessions`} className="font-medium text-primary-text hover:underline">
                        Sessions<span className="sr-only"> of {u.email}</span>
                      </Link>
                      <Link href={`/admin/users/${u.id}/privacy`} className="font-medium text-primary-text hover:underline">
                        Data and erasure<span className="sr-only"> of {u.email}</span>
                      </Link>
                      {u.roles.includes('investor') && (
                        <Link href={`/admin/investments?investor=${encodeURIComponent(u.email)}`} className="font-medium text-primary-text hover:underline">
                          Investments<span className="sr-only"> of {u.email}</span>
                        </Link>
                      )}
                    </p>
                  </TD>
                  <TD label="Status">
                    <StatusBadge status={u.status} />
                  </TD>
                  <TD label="KYC">
                    <StatusBadge status={u.kycStatus} />
                  </TD>
                  <TD label="Joined" className="whitespace-nowrap">
                    {formatDate(u.createdAt)}
                  </TD>
                  <TD className="max-md:p-0 max-md:pt-1">
                    <RoleEditor userId={u.id} name={`${u.firstName} ${u.lastName}`} roles={u.roles} self={u.id === principal.userId} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </CardContent>
      </Card>
    </>
  );
}
