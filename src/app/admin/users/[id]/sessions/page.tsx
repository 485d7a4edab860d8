import { ArrowLeft, LogOut } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AppError } from '@/server/errors';
import { listUserSessions } from '@/server/users/service';
import { ConfirmAction } from '@/ui/confirm-action';
import { deviceLabel } from '@/ui/device';
import { formatDateTime } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { requireSession } from '../../../../session';

export const metadata: Metadata = { title: 'Sessions' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a user is signed in (device, address, since, last seen), with sign-out of one device or all. */
export default async function UserSessionsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal } = await requireSession(`/admin/users/${id}/sessions`, ['tenant_admin']);
  if (!UUID.test(id)) notFound();
  let view;
  try {
    view = await listUserSessions(tenant, principal, id);
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
      <PageHeader title={`Sessions of ${name}`} description={`${view.user.email} · ${view.sessions.length} active ${view.sessions.length === 1 ? 'session' : 'sessions'}. Ending a session signs that device out at its next request.`} />
      {view.sessions.length > 0 && (
        <div className="mb-4 flex">
          <ConfirmAction
            label="End all sessions"
            icon={<LogOut aria-hidden />}
            title={`End all sessions of ${name}?`}
            description="Every device this person is signed in on is signed out. The action is recorded in the audit log."
            confirmLabel="End all sessions"
            request={{ path: `/api/admin/users/${view.user.id}/sessions`, method: 'DELETE' }}
          />
        </div>
      )}
      <Card>
        <CardContent className="px-3 pt-3 sm:px-5">
          {view.sessions.length === 0 ? (
            <p className="py-4 text-sm text-muted-foreground">No active sessions: {name} is not signed in anywhere.</p>
          ) : (
            <Table stacked>
              <caption className="sr-only">Active sessions of {name}</caption>
              <THead stacked>
                <tr>
                  <TH scope="col">Device</TH>
                  <TH scope="col">IP address</TH>
                  <TH scope="col">Signed in</TH>
                  <TH scope="col">Last seen</TH>
                  <TH scope="col">
                    <span className="sr-only">Actions</span>
                  </TH>
                </tr>
              </THead>
              <TBody stacked>
                {view.sessions.map((s) => (
                  <TR key={s.id} stacked data-testid="session-row">
                    <TD className="max-md:p-0">
                      <p className="font-medium">{deviceLabel(s.userAgent)}</p>
                      {s.userAgent && <p className="text-xs break-all text-muted-foreground">{s.userAgent}</p>}
                    </TD>
                    <TD label="IP address" className="font-mono text-xs">
                      {s.ip ?? 'unknown'}
                    </TD>
                    <TD label="Signed in" className="whitespace-nowrap">
                      {formatDateTime(s.createdAt)}
                    </TD>
                    <TD label="Last seen" className="whitespace-nowrap">
                      {formatDateTime(s.lastUsedAt)}
                    </TD>
                    <TD className="max-md:p-0 max-md:pt-2">
                      <ConfirmAction
                        label="End"
                        icon={<LogOut aria-hidden />}
                        ariaLabel={`End the session on ${deviceLabel(s.userAgent)} from ${s.ip ?? 'an unknown address'}`}
                        title="End this session?"
                        description={`${deviceLabel(s.userAgent)} from ${s.ip ?? 'an unknown address'}, last seen ${formatDateTime(s.lastUsedAt)}, is signed out. The action is recorded in the audit log.`}
                        confirmLabel="End session"
                        request={{ path: `/api/admin/users/${view.user.id}/sessions/${s.id}`, method: 'DELETE' }}
                      />
                    </TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </>
  );
}
