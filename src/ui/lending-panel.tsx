'use client';

import { useCallback, useEffect, useState } from 'react';
import type { Hex } from 'viem';
import { sendTransaction, waitForTransactionReceipt } from 'wagmi/actions';
import { api, errorMessage } from './api-client';
import { useChainWallet, walletActionError } from './chain-wallet';
import { formatDateTime, humanize } from './format';
import { healthText, priceText, rateText, tokenAmount } from './lending-format';
import { LendingRateChart } from './lending-rate-chart';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from './primitives/card';
import { fieldClass, Input } from './primitives/input';
import { Label } from './primitives/label';

// The member's side of a lending pool: figures from GET /api/lending/pools/{id} (the contract's,
// read again every few seconds), the tenant's risk disclosure to acknowledge, and every action sent
// from the member's injected wallet with the calls POST /api/lending/pools/{id}/calls prepared and
// checked (so a refusal is explained before anything is signed). The indexer records each movement.

type Collateral = { token: string; symbol: string; decimals: number; ltvBps: number; liquidationThresholdBps: number; liquidationBonusBps: number; maxPriceAgeSeconds: number; feed: string | null };
type Disclosure = { title: string; body: string; version: number; acknowledged: boolean } | null;
export type LendingPoolData = {
  pool: {
    id: string;
    name: string;
    chainId: number;
    status: 'pending' | 'active';
    address: string | null;
    asset: { address: string; decimals: number };
    reserveFactorBps: number;
    closeFactorBps: number;
    collaterals: Collateral[];
    chain: {
      cash: string;
      totalBorrows: string;
      totalReserves: string;
      utilisation: string;
      borrowRate: string;
      supplyRate: string;
      paused: boolean;
      prices: { token: string; price: string | null; updatedAt: string | null }[];
      readAt: string;
    } | null;
  };
  chainAvailable: boolean;
  access: { eligible: boolean; requiredLevel: string; currentLevel: string; disclosure: Disclosure };
  positions: {
    wallet: string;
    supplied: string;
    debt: string;
    collateral: { token: string; amount: string; liquidationPrice: string | null }[];
    borrowCapacity: string | null;
    liquidationCapacity: string | null;
    healthFactor: string | null;
  }[];
  history: { kind: string; wallet: string | null; payer: string | null; token: string | null; amount: string; seized: string | null; txHash: string; at: string }[];
  rateHistory: { at: string; borrowRate: string; supplyRate: string }[];
};

const ACTIONS = [
  ['supply', 'Supply'],
  ['withdraw', 'Withdraw'],
  ['deposit_collateral', 'Add collateral'],
  ['withdraw_collateral', 'Remove collateral'],
  ['borrow', 'Borrow'],
  ['repay', 'Repay'],
  ['liquidate', 'Liquidate a position'],
] as const;
type Action = (typeof ACTIONS)[number][0];
const WITH_TOKEN: Action[] = ['deposit_collateral', 'withdraw_collateral', 'liquidate'];

export function LendingPanel({ initial }: { initial: LendingPoolData }) {
  const [data, setData] = useState(initial);
  const [action, setAction] = useState<Action>('supply');
  const [amount, setAmount] = useState('');
  const [token, setToken] = useState(initial.pool.collaterals[0]?.token ?? '');
  const [borrower, setBorrower] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { pool, access } = data;
  const { config, connectOnChain } = useChainWallet(pool.chainId);
  const asset = pool.asset.decimals;
  const symbolOf = (t: string | null) => pool.collaterals.find((c) => c.token === t)?.symbol ?? 'collateral';
  const decimalsOf = (t: string | null) => pool.collaterals.find((c) => c.token === t)?.decimals ?? 18;

  const refresh = useCallback(async () => {
    setData(await api<LendingPoolData>(`/api/lending/pools/${pool.id}`));
  }, [pool.id]);

  useEffect(() => {
    const t = setInterval(() => void refresh().catch(() => undefined), 4000);
    return () => clearInterval(t);
  }, [refresh]);

  async function acknowledge() {
    setError(null);
    try {
      await api('/api/lending/disclosure/acknowledge', { method: 'POST', json: { version: access.disclosure!.version } });
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function act() {
    setError(null);
    setBusy(true);
    try {
      const account = await connectOnChain();
      setNote('Checking the request…');
      const body: Record<string, string> = { action, wallet: account, amount: amount.trim() };
      if (WITH_TOKEN.includes(action)) body.token = token;
      if (action === 'liquidate') body.borrower = borrower.trim();
      const prepared = await api<{ calls: { to: Hex; data: Hex; description: string }[] }>(`/api/lending/pools/${pool.id}/calls`, { method: 'POST', json: body });
      for (const c of prepared.calls) {
        setNote(c.description.startsWith('approve') ? 'Approve exactly this amount for the pool in your wallet.' : `Confirm the ${humanize(c.description).toLowerCase()} in your wallet.`);
        const hash = await sendTransaction(config, { chainId: pool.chainId, account, to: c.to, data: c.data });
        setNote('Waiting for it to be mined…');
        const r = await waitForTransactionReceipt(config, { chainId: pool.chainId, hash });
        if (r.status !== 'success') throw new Error('The transaction failed on chain; nothing changed.');
      }
      setAmount('');
      setNote('Done. The figures below are the pool contract’s.');
      await refresh();
    } catch (e) {
      setNote(null);
      setError(walletActionError(e));
    } finally {
      setBusy(false);
    }
  }

  const c = pool.chain;
  return (
    <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
      <div className="grid min-w-0 content-start gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Market</CardTitle>
            <CardDescription>
              Chain {pool.chainId} · <span className="font-mono break-all">{pool.address ?? 'awaiting creation'}</span>
            </CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <dt className="text-muted-foreground">Supply rate</dt>
              <dd data-testid="pool-supply-rate">{rateText(c?.supplyRate)}</dd>
              <dt className="text-muted-foreground">Borrow rate</dt>
              <dd data-testid="pool-borrow-rate">{rateText(c?.borrowRate)}</dd>
              <dt className="text-muted-foreground">Utilisation</dt>
              <dd data-testid="pool-utilisation">{rateText(c?.utilisation)}</dd>
              <dt className="text-muted-foreground">Cash</dt>
              <dd className="break-all" data-testid="pool-cash">{c ? tokenAmount(c.cash, asset) : '—'}</dd>
              <dt className="text-muted-foreground">Borrowed</dt>
              <dd className="break-all" data-testid="pool-borrows">{c ? tokenAmount(c.totalBorrows, asset) : '—'}</dd>
            </dl>
            <h3 className="mt-4 mb-2 text-sm font-medium">Collateral</h3>
            <ul className="grid gap-2 text-sm">
              {pool.collaterals.map((col) => {
                const p = c?.prices.find((x) => x.token === col.token);
                return (
                  <li key={col.token} className="grid gap-0.5">
                    <span>
                      <strong>{col.symbol}</strong> · price <span data-testid="collateral-price">{priceText(p?.price, col.decimals, asset)}</span>
                    </span>
                    <span className="text-muted-foreground">
                      borrow up to {col.ltvBps / 100}% · liquidated below {col.liquidationThresholdBps / 100}% · bonus {col.liquidationBonusBps / 100}%
                    </span>
                  </li>
                );
              })}
            </ul>
            {!data.chainAvailable && (
              <Alert tone="error" title="The chain could not be read" className="mt-4">
                The figures are shown again as soon as the network answers.
              </Alert>
            )}
            {c?.paused && (
              <Alert tone="info" title="Paused" className="mt-4">
                Only repayments and collateral deposits go through while the pool is paused.
              </Alert>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Your positions</CardTitle>
            <CardDescription>Per wallet linked to your account, read from the contract. Interest is added whenever anyone acts on the pool.</CardDescription>
          </CardHeader>
          <CardContent>
            {data.positions.length === 0 ? (
              <p className="text-sm text-muted-foreground">Link a wallet on your profile to lend or borrow from it.</p>
            ) : (
              <ul className="grid gap-4" data-testid="lending-positions">
                {data.positions.map((p) => (
                  <li key={p.wallet} className="grid gap-1 text-sm" data-testid="lending-position">
                    <span className="font-mono text-xs break-all">{p.wallet}</span>
                    <span>
                      Supplied <strong data-testid="position-supplied">{tokenAmount(p.supplied, asset)}</strong>
                    </span>
                    <span>
                      Debt <strong data-testid="position-debt">{tokenAmount(p.debt, asset)}</strong>
                    </span>
                    <span>
                      Health factor <strong data-testid="position-health">{healthText(p.healthFactor, p.debt !== '0')}</strong>
                    </span>
                    {p.borrowCapacity !== null && <span className="text-muted-foreground">May borrow up to {tokenAmount(p.borrowCapacity, asset)} in all</span>}
                    {p.collateral
                      .filter((x) => x.amount !== '0')
                      .map((x) => (
                        <span key={x.token}>
                          Collateral <strong data-testid="position-collateral">{tokenAmount(x.amount, decimalsOf(x.token))}</strong> {symbolOf(x.token)}
                          {x.liquidationPrice !== null && (
                            <span className="text-muted-foreground">
                              {' '}
                              · liquidation price <span data-testid="position-liquidation-price">{priceText(x.liquidationPrice, decimalsOf(x.token), asset)}</span>
                            </span>
                          )}
                        </span>
                      ))}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Rates history</CardTitle>
          </CardHeader>
          <CardContent>
            <LendingRateChart points={data.rateHistory} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Transactions</CardTitle>
          </CardHeader>
          <CardContent>
            {data.history.length === 0 ? (
              <p className="text-sm text-muted-foreground">Nothing yet.</p>
            ) : (
              <ul className="grid divide-y divide-border text-sm" data-testid="lending-history">
                {data.history.map((h) => (
                  <li key={`${h.txHash}-${h.kind}-${h.amount}`} className="py-2 break-words">
                    {humanize(h.kind)} {h.kind.startsWith('collateral') ? `${tokenAmount(h.amount, decimalsOf(h.token))} ${symbolOf(h.token)}` : tokenAmount(h.amount, asset)}
                    {h.seized && ` (seized ${tokenAmount(h.seized, decimalsOf(h.token))} ${symbolOf(h.token)})`} · {formatDateTime(h.at)}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
      <Card className="content-start">
        <CardHeader>
          <CardTitle>Lend or borrow</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          {!access.disclosure ? (
            <Alert tone="info" title="Not open yet">
              This platform has not published its lending risk disclosure, so lending is not open.
            </Alert>
          ) : (
            !access.disclosure.acknowledged && (
              <div className="grid gap-2 rounded-md border border-border p-3 text-sm" data-testid="lending-disclosure">
                <strong>{access.disclosure.title}</strong>
                <p className="whitespace-pre-wrap">{access.disclosure.body}</p>
                <Button type="button" onClick={() => void acknowledge()}>
                  I have read and understood these risks
                </Button>
              </div>
            )
          )}
          {!access.eligible && (
            <Alert tone="info" title="Verification needed">
              Supplying and borrowing here asks for verification level {access.requiredLevel}; yours is {access.currentLevel}. Withdrawing and repaying stay open.
            </Alert>
          )}
          <Label htmlFor="lending-action">Action</Label>
          <select id="lending-action" className={fieldClass} value={action} onChange={(e) => setAction(e.target.value as Action)}>
            {ACTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          {WITH_TOKEN.includes(action) && (
            <>
              <Label htmlFor="lending-token">Collateral</Label>
              <select id="lending-token" className={fieldClass} value={token} onChange={(e) => setToken(e.target.value)}>
                {pool.collaterals.map((col) => (
                  <option key={col.token} value={col.token}>
                    {col.symbol}
                  </option>
                ))}
              </select>
            </>
          )}
          {action === 'liquidate' && (
            <>
              <Label htmlFor="lending-borrower">Borrower’s address</Label>
              <Input id="lending-borrower" autoComplete="off" value={borrower} onChange={(e) => setBorrower(e.target.value)} placeholder="0x…" />
            </>
          )}
          <Label htmlFor="lending-amount">Amount</Label>
          <Input id="lending-amount" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder={['withdraw', 'repay', 'liquidate'].includes(action) ? '0.0 or max' : '0.0'} />
          <Button type="button" disabled={busy || pool.status !== 'active'} onClick={() => void act()} data-testid="lending-submit">
            {busy ? 'Working…' : ACTIONS.find(([v]) => v === action)![1]}
          </Button>
          {note && (
            <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="lending-note">
              {note}
            </p>
          )}
          {error && (
            <Alert tone="error" title="Nothing changed">
              <span data-testid="lending-error">{error}</span>
            </Alert>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
