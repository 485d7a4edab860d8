import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { assetDetail } from '@/server/assets/service';
import { AppError } from '@/server/errors';
import { fromMinorUnits } from '@/server/money';
import { PageHeader } from '@/ui/page-header';
import { Card, CardContent, CardHeader, CardTitle } from '@/ui/primitives/card';
import { requireSession } from '../../../session';

export const metadata: Metadata = { title: 'Tokenized asset' };

const REGULATION: Record<string, string> = { reg_d: 'Regulation D', reg_s: 'Regulation S', reg_cf: 'Regulation Crowdfunding' };
const short = (a: string | null) => (a ? `${a.slice(0, 8)}…${a.slice(-6)}` : '—');

/** One asset: overview, terms and restrictions, documents, the issuer's updates, token movements; holders for its issuer and transfer agents. */
export default async function AssetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { tenant, principal } = await requireSession(`/assets/${id}`);
  if (!tenant.features.assetTokenization || !/^[0-9a-f-]{36}$/i.test(id)) notFound();
  let data: Awaited<ReturnType<typeof assetDetail>>;
  try {
    data = await assetDetail(tenant, principal, id);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) notFound();
    throw e;
  }
  const { asset, terms } = data;
  const tokens = (v: string) => fromMinorUnits(v, terms.decimals);
  const r = terms.restrictions;
  return (
    <>
      <PageHeader title={`${asset.name} (${asset.symbol})`} description={terms.description} />
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Overview</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <dt className="text-muted-foreground">Valuation</dt>
              <dd>
                {fromMinorUnits(asset.valuation, asset.currencyDecimals)} {asset.currency}
              </dd>
              <dt className="text-muted-foreground">Supply</dt>
              <dd className="break-all">{tokens(terms.supply)}</dd>
              <dt className="text-muted-foreground">Regulation</dt>
              <dd>
                {REGULATION[terms.regulation] ?? terms.regulation} · {terms.jurisdiction}
              </dd>
              <dt className="text-muted-foreground">Token</dt>
              <dd className="break-all font-mono text-xs" data-testid="asset-token-address">
                {asset.tokenAddress ?? 'being deployed'}
              </dd>
              <dt className="text-muted-foreground">Chain</dt>
              <dd>{asset.chainId}</dd>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Transfer restrictions</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <dt className="text-muted-foreground">Holding period</dt>
              <dd>{r.lockupSeconds ? `${Math.ceil(r.lockupSeconds / 86_400)} days per acquisition` : 'none'}</dd>
              <dt className="text-muted-foreground">Reg S period ends</dt>
              <dd>{asset.regSPeriodEndsAt ? new Date(asset.regSPeriodEndsAt).toUTCString() : 'none'}</dd>
              <dt className="text-muted-foreground">Countries</dt>
              <dd>{r.allowedCountries.length ? r.allowedCountries.join(', ') : 'all'}</dd>
              <dt className="text-muted-foreground">Maximum holders</dt>
              <dd>{r.maxHolders || 'no limit'}</dd>
              <dt className="text-muted-foreground">Maximum per holder</dt>
              <dd className="break-all">{r.maxBalance === '0' ? 'no limit' : tokens(r.maxBalance)}</dd>
            </dl>
          </CardContent>
        </Card>
      </div>
      <section aria-labelledby="asset-documents" className="mt-6">
        <h2 id="asset-documents" className="mb-2 text-lg font-semibold">
          Documents
        </h2>
        {data.documents.length ? (
          <ul className="list-disc pl-5 text-sm">
            {data.documents.map((d) => (
              <li key={d.id}>
                {d.title} <span className="text-muted-foreground">({d.kind})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">No documents yet.</p>
        )}
      </section>
      <section aria-labelledby="asset-updates" className="mt-6">
        <h2 id="asset-updates" className="mb-2 text-lg font-semibold">
          Updates from the issuer
        </h2>
        {data.updates.length ? (
          <ul className="space-y-3">
            {data.updates.map((u) => (
              <li key={u.id}>
                <h3 className="font-medium">{u.title}</h3>
                <p className="text-xs text-muted-foreground">{new Date(u.createdAt).toUTCString()}</p>
                <p className="whitespace-pre-line text-sm">{u.body}</p>
                {u.valuation ? (
                  <p className="text-sm">
                    New valuation: {fromMinorUnits(u.valuation, asset.currencyDecimals)} {asset.currency}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">No updates yet.</p>
        )}
      </section>
      <section aria-labelledby="asset-transactions" className="mt-6">
        <h2 id="asset-transactions" className="mb-2 text-lg font-semibold">
          Transactions
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="asset-transactions">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Amount</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {data.transactions.map((x) => (
                <tr key={x.id}>
                  <td>{x.kind}</td>
                  <td className="font-mono text-xs">{short(x.from)}</td>
                  <td className="font-mono text-xs">{short(x.to)}</td>
                  <td className="break-all">{tokens(x.amount)}</td>
                  <td>{new Date(x.at).toUTCString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {data.holders ? (
        <section aria-labelledby="asset-holders" className="mt-6">
          <h2 id="asset-holders" className="mb-2 text-lg font-semibold">
            Holders
          </h2>
          <ul className="text-sm" data-testid="asset-holders">
            {data.holders.map((h) => (
              <li key={h.address} className="flex flex-wrap justify-between gap-2">
                <span className="break-all font-mono text-xs">{h.address}</span>
                <span>{tokens(h.balance)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
