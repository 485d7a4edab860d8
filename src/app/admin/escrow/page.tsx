import { AlertTriangle, CalendarPlus, Ban, Landmark, RotateCw, Send, Undo2 } from 'lucide-react';
import { formatUnits } from 'viem';
import { listChainTransactions } from '@/server/chain/tx-manager/admin';
import { listUnmatchedEscrowsForAdmin } from '@/server/chain/indexer/unmatched';
import { ConfirmAction } from '@/ui/confirm-action';
import type { Metadata } from 'next';
import { browseDeals } from '@/server/deals/browse';
import { listDealsQuery } from '@/server/deals/schema';
import { listEscrowsForAdmin } from '@/server/escrow/admin';
import { escrowListQuery } from '@/server/escrow/schema';
import { DecisionDialog } from '@/ui/decision-dialog';
import { EmptyState } from '@/ui/empty-state';
import { formatDate, formatDateTime, formatMoney, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent } from '@/ui/primitives/card';
import { FilterLinks } from '@/ui/section-nav';
import { StatusBadge } from '@/ui/status-badge';
import { statusLabel } from '@/ui/status-labels';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Escrow' };

const FILTERS = [
  ['held', 'Held'],
  ['released', 'Released'],
  ['refunded', 'Refunded'],
] as const;

const daysText = (n: number | null) => (n === null ? '—' : n < 0 ? `${-n} day${n === -1 ? '' : 's'} overdue` : n === 0 ? 'today' : `${n} day${n === 1 ? '' : 's'} left`);
const shortHash = (h: string) => `${h.slice(0, 10)}…${h.slice(-6)}`;
/** An on-chain decision recorded and sent, not yet seen on chain. */
const PENDING: Record<string, string> = {
  release: 'Release sent, waiting for confirmation',
  reject: 'Rejection refund sent, waiting for confirmation',
  refund_manual: 'Manual refund sent, waiting for confirmation',
  refund_timeout: 'Timeout refund sent, waiting for confirmation',
  extend: 'Deadline extension sent, waiting for confirmation',
};
const DAY_MS = 24 * 3600 * 1000;
/** The calendar days (UTC) an extension may pick: after the current deadline, its end of day at most the expiry. */
function extendDays(deadline: string, expires: string): { min: string; max: string } {
  const min = new Date(Date.parse(deadline) + DAY_MS).toISOString().slice(0, 10);
  const exp = Date.parse(expires);
  let max = new Date(exp).toISOString().slice(0, 10);
  if (Date.parse(`${max}T23:59:59Z`) > exp) max = new Date(exp - DAY_MS).toISOString().slice(0, 10);
  return { min, max };
}

/**
 * Money held in escrow: how long is left to decide (admin deadline) and before it expires (refunded
 * by the sweep), released to the deal or refunded by hand. The chain columns come straight from the
 * API's `chain` and `movements`, so on-chain escrows show their address and transaction hashes.
 */
export default async function AdminEscrowPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { tenant, principal } = await requireSession('/admin/escrow', ['tenant_admin']);
  const { status } = await searchParams;
  const parsed = escrowListQuery.safeParse({ status: status || 'held', limit: 200 });
  const q = parsed.success ? parsed.data : escrowListQuery.parse({ status: 'held', limit: 200 });
  const [{ escrows }, { deals }, { transactions: failed }, { unmatched }] = await Promise.all([
    listEscrowsForAdmin(tenant, principal, q),
    browseDeals(tenant, principal, listDealsQuery.parse({ limit: 100 })),
    listChainTransactions(tenant, principal, { status: 'failed', limit: 50 }),
    listUnmatchedEscrowsForAdmin(tenant, principal),
  ]);
  const openUnmatched = unmatched.filter((u) => u.status === 'open');
  const titles = new Map(deals.map((d) => [d.id, d.title]));
  return (
    <>
      <PageHeader title="Administration" description="Escrow: money held until the investor's checks pass. Release it to the deal or refund it before the deadline." />
      <AdminNav current="/admin/escrow" />
      {failed.length > 0 && (
        <section aria-labelledby="failed-tx-heading" className="mb-6">
          <Card className="border-danger">
            <CardContent className="pt-5 text-sm">
              <h2 id="failed-tx-heading" className="flex items-center gap-2 text-base font-semibold">
                <AlertTriangle className="size-4 text-danger" aria-hidden /> Chain transactions that failed ({failed.length})
              </h2>
              <p className="mt-1 text-muted-foreground">A decision the platform sent on chain did not go through. Its escrow stays pending until a retry succeeds.</p>
              <ul className="mt-3 grid gap-3">
                {failed.map((tx) => (
                  <li key={tx.id} className="flex flex-wrap items-start justify-between gap-3 border-t border-border pt-3" data-testid="failed-tx">
                    <div className="min-w-0">
                      <p className="font-medium">
                        {humanize(tx.purpose.replace(/[._]/g, ' '))} · chain {tx.chainId}
                      </p>
                      <p className="text-xs break-all text-muted-foreground">
                        {tx.failures} failed attempt{tx.failures === 1 ? '' : 's'}, last {formatDateTime(tx.updatedAt)}
                        {tx.txHash ? ` · tx ${shortHash(tx.txHash)}` : ''}
                      </p>
                      {tx.lastError && <p className="mt-1 text-xs break-words text-danger">{tx.lastError.slice(0, 300)}</p>}
                    </div>
                    <ConfirmAction
                      label="Retry"
                      icon={<RotateCw aria-hidden />}
                      ariaLabel={`Retry the ${tx.purpose.replace(/[._]/g, ' ')} transaction`}
                      title="Send this transaction again?"
                      description="It goes back in the queue and the platform's signer sends it again with a fresh fee. A decision is still applied only once, when the chain confirms it."
                      confirmLabel="Retry"
                      request={{ path: `/api/admin/chain/transactions/${tx.id}/retry` }}
                    />
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        </section>
      )}
      {openUnmatched.length > 0 && (
        <section aria-labelledby="unmatched-heading" className="mb-6">
          <Card>
            <CardContent className="pt-5 text-sm">
              <h2 id="unmatched-heading" className="text-base font-semibold">
                Escrows funded without a reservation ({openUnmatched.length})
              </h2>
              <p className="mt-1 text-muted-foreground">Money arrived on chain that no investment matched (the reservation had expired, or another wallet or amount was used). Refund it to the wallet it came from.</p>
              <ul className="mt-3 grid gap-3">
                {openUnmatched.map((u) => (
                  <li key={u.id} className="flex flex-wrap items-start justify-between gap-3 border-t border-border pt-3" data-testid="unmatched-escrow">
                    <div className="min-w-0 text-xs">
                      <p className="text-sm font-medium">
                        {formatUnits(BigInt(u.tokenAmount), 6)} tokens from <span className="font-mono break-all">{u.investorWallet}</span>
                      </p>
                      <p className="break-all text-muted-foreground">
                        Escrow{' '}
                        {u.escrowUrl ? (
                          <a href={u.escrowUrl} target="_blank" rel="noreferrer" className="font-mono text-primary-text hover:underline">
                            {u.escrowAddress}
                          </a>
                        ) : (
                          <span className="font-mono">{u.escrowAddress}</span>
                        )}{' '}
                        (chain {u.chainId}) · {titles.get(u.dealId ?? '') ?? 'unknown deal'} · {formatDateTime(u.createdAt)} · {humanize(u.status)}
                      </p>
                    </div>
                    <DecisionDialog
                      label="Refund"
                      icon={<Undo2 aria-hidden />}
                      ariaLabel={`Refund the unmatched escrow ${u.escrowAddress}`}
                      variant="outline"
                      confirmVariant="destructive"
                      title="Refund this escrow to its wallet?"
                      description="The platform's admin key sends Escrow.refundManually() with the reason's hash on chain; the money goes back to the wallet that funded it."
                      confirmLabel="Refund"
                      path={`/api/admin/escrow/unmatched/${u.id}/refund`}
                      text={{ name: 'reason', label: 'Reason', required: true, minLength: 3 }}
                    />
                  </li>
                ))}
              </ul>
            </CardContent>
          </Card>
        </section>
      )}
      <FilterLinks label="Escrow status" base="/admin/escrow" param="status" options={FILTERS} current={q.status ?? 'held'} />
      {escrows.length === 0 ? (
        <EmptyState icon={Landmark} title="Nothing here">
          {q.status === 'held' ? 'No money is held in escrow.' : 'No escrow has this status.'}
        </EmptyState>
      ) : (
        <ul className="grid gap-4">
          {escrows.map((e) => {
            const who = `${e.investor.firstName} ${e.investor.lastName}`.trim() || e.investor.email;
            const amount = formatMoney(e.amount, e.currency);
            const urgent = e.daysLeftToDecide !== null && e.daysLeftToDecide <= 3;
            return (
              <li key={e.id}>
                <Card data-testid="escrow-row">
                  <CardContent className="grid gap-4 pt-5 md:grid-cols-[1fr_auto] md:items-start">
                    <div className="min-w-0 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <StatusBadge status={e.status} label={humanize(e.status)} />
                        <span className="text-xs text-muted-foreground">Investment: {statusLabel(e.investmentStatus).toLowerCase()}</span>
                      </div>
                      {e.pendingDecision && (
                        <p className="mt-2 flex items-center gap-2 text-sm font-medium text-warning" data-testid="escrow-pending" role="status">
                          <span className="size-2 shrink-0 animate-pulse rounded-full bg-current" aria-hidden />
                          {PENDING[e.pendingDecision.action] ?? 'Decision sent, waiting for confirmation'}
                          {e.pendingDecision.requestedAt ? ` (since ${formatDateTime(e.pendingDecision.requestedAt)})` : ''}
                        </p>
                      )}
                      <h2 className="mt-2 text-lg font-semibold break-words">
                        {amount} · {who}
                      </h2>
                      <p className="text-xs break-all text-muted-foreground">
                        {e.investor.email} · {titles.get(e.dealId) ?? 'Deal'}
                      </p>
                      <dl className="mt-3 grid gap-1 sm:grid-cols-[auto_1fr] sm:gap-x-4">
                        <dt className="text-muted-foreground">Held since</dt>
                        <dd>{formatDateTime(e.createdAt)}</dd>
                        {e.status === 'held' && (
                          <>
                            <dt className="text-muted-foreground">Decide by</dt>
                            <dd className={urgent ? 'font-semibold text-danger' : undefined} data-testid="escrow-days-decide">
                              {formatDate(e.deadlineAdmin)} ({daysText(e.daysLeftToDecide)})
                            </dd>
                            <dt className="text-muted-foreground">Expires (auto refund)</dt>
                            <dd>
                              {formatDate(e.expiresAt)} ({daysText(e.daysLeftToExpiry)})
                            </dd>
                          </>
                        )}
                        {e.refund && (
                          <>
                            <dt className="text-muted-foreground">Refund reason</dt>
                            <dd className="break-words">
                              {humanize(e.refund.reason)}
                              {e.refund.note ? `: ${e.refund.note}` : ''}
                            </dd>
                          </>
                        )}
                        {e.chain.escrowAddress && (
                          <>
                            <dt className="text-muted-foreground">On chain</dt>
                            <dd className="font-mono text-xs break-all">
                              {e.chain.escrowAddress}
                              {e.chain.chainId ? ` (chain ${e.chain.chainId})` : ''}
                            </dd>
                          </>
                        )}
                      </dl>
                      {e.movements.length > 0 && (
                        <details className="mt-3">
                          <summary className="cursor-pointer font-medium text-primary-text">Movements ({e.movements.length})</summary>
                          <ul className="mt-2 grid gap-1" data-testid="escrow-movements">
                            {e.movements.map((m) => (
                              <li key={m.id} className="flex flex-wrap gap-x-2">
                                <span className="font-medium">{humanize(m.kind)}</span>
                                <span className="tabular-nums">{formatMoney(m.amount, e.currency)}</span>
                                <span className="text-muted-foreground">{formatDateTime(m.at)}</span>
                                {m.txHash && (
                                  <span className="font-mono text-xs" title={m.txHash}>
                                    tx {shortHash(m.txHash)}
                                  </span>
                                )}
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </div>
                    {e.status === 'held' && !e.pendingDecision && (
                      <div className="flex flex-wrap gap-2 md:justify-end">
                        <DecisionDialog
                          label="Release"
                          icon={<Send aria-hidden />}
                          ariaLabel={`Release ${amount} from ${who}`}
                          title={`Release ${amount} to the deal?`}
                          description={
                            e.chain.escrowAddress
                              ? "The platform's operator key sends Escrow.release() on chain; the money goes into the sale once the transaction is confirmed. Release needs the investor's KYC approved and no open screening hit."
                              : "The money goes to the deal and the investment is confirmed. Release needs the investor's KYC approved and no open screening hit."
                          }
                          confirmLabel="Release"
                          path={`/api/admin/escrow/${e.id}/release`}
                          text={{ name: 'note', label: 'Note (optional)' }}
                        />
                        <DecisionDialog
                          label="Refund"
                          icon={<Undo2 aria-hidden />}
                          ariaLabel={`Refund ${amount} to ${who}`}
                          variant="outline"
                          confirmVariant="destructive"
                          title={`Refund ${amount} to ${who}?`}
                          description={
                            e.chain.escrowAddress
                              ? "The platform's admin key sends Escrow.refundManually() with the reason's hash on chain; the money goes back to the investor's wallet once the transaction is confirmed. This cannot be undone."
                              : 'The money goes back to the investor and the investment ends. This cannot be undone.'
                          }
                          confirmLabel="Refund"
                          path={`/api/admin/escrow/${e.id}/refund`}
                          text={{ name: 'reason', label: 'Reason', required: true, minLength: 3 }}
                        />
                        <DecisionDialog
                          label="Reject"
                          icon={<Ban aria-hidden />}
                          ariaLabel={`Reject ${who} and refund ${amount}`}
                          variant="outline"
                          confirmVariant="destructive"
                          title={`Reject ${who}'s investment?`}
                          description={
                            e.chain.escrowAddress
                              ? "The investor is refused: the platform's admin key sends Escrow.reject() on chain and the money goes back to the investor's wallet once the transaction is confirmed. This cannot be undone."
                              : 'The investor is refused and the money goes back as a rejection refund. This cannot be undone.'
                          }
                          confirmLabel="Reject and refund"
                          path={`/api/admin/escrow/${e.id}/reject`}
                          text={{ name: 'reason', label: 'Reason', required: true, minLength: 3 }}
                        />
                        {e.chain.escrowAddress && (
                          <DecisionDialog
                            label="Extend"
                            icon={<CalendarPlus aria-hidden />}
                            ariaLabel={`Extend the decision deadline for ${amount} from ${who}`}
                            variant="outline"
                            title="Extend the decision deadline?"
                            description={`The operator key sends Escrow.extendDecisionDeadline() on chain. The new deadline (end of the day, UTC) must be after ${formatDate(e.deadlineAdmin)} and at most the escrow's expiry, ${formatDateTime(e.expiresAt)}.`}
                            confirmLabel="Extend"
                            path={`/api/admin/escrow/${e.id}/extend`}
                            date={{ name: 'deadline', label: 'New decision deadline', ...extendDays(e.deadlineAdmin, e.expiresAt) }}
                          />
                        )}
                      </div>
                    )}
                  </CardContent>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
