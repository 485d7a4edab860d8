import { Landmark } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Forbidden } from '@/server/errors';
import { agentOverview } from '@/server/transfer-agents/service';
import { EmptyState } from '@/ui/empty-state';
import { formatMoney, humanize } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Table, TBody, TD, TH, THead, TR } from '@/ui/primitives/table';
import { requireSession } from '../session';

export const metadata: Metadata = { title: 'Transfer agent' };

// The transfer agent's workspace: the deals with a holder register.
export default async function TransferAgentPage() {
  const { tenant, principal } = await requireSession('/transfer-agent', ['transfer_agent']);
  const data = await agentOverview(tenant, principal).catch((e) => {
    if (e instanceof Forbidden) return null;
    throw e;
  });
  if (!data) {
    return (
      <>
        <PageHeader title="Transfer agent" />
        <EmptyState icon={Landmark} title="Your transfer agent profile is not set up yet">
          An administrator of {tenant.name} records your registration first (Administration, Brokers and agents).
        </EmptyState>
      </>
    );
  }
  const a = data.transferAgent;
  return (
    <>
      <PageHeader title="Holder registers" description={`${a.displayName} · registration ${a.registrationNumber} (${a.registrationJurisdiction})`} />
      {data.deals.length === 0 ? (
        <EmptyState icon={Landmark} title="No holders yet">
          A deal appears here once an investment in it is confirmed.
        </EmptyState>
      ) : (
        <Table stacked>
          <THead stacked>
            <tr>
              <TH>Deal</TH>
              <TH>Status</TH>
              <TH>Holders</TH>
              <TH>Confirmed</TH>
              <TH>On chain</TH>
            </tr>
          </THead>
          <TBody stacked>
            {data.deals.map((d) => (
              <TR key={d.id} stacked>
                <TD label="Deal">
                  <Link href={`/transfer-agent/deals/${d.id}`} className="font-medium underline-offset-4 hover:underline">
                    {d.title}
                  </Link>
                </TD>
                <TD label="Status">{humanize(d.status)}</TD>
                <TD label="Holders">{d.holders}</TD>
                <TD label="Confirmed">{formatMoney(d.confirmed, d.currency)}</TD>
                <TD label="On chain">{d.saleAddress ? `Sale on chain ${d.chainId}` : 'No'}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
