'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { parseUnits, type Hex } from 'viem';
import { sendTransaction, waitForTransactionReceipt, writeContract } from 'wagmi/actions';
import { stakingPoolAbi } from '../../contracts/abi/StakingPool';
import { api } from './api-client';
import { useChainWallet, walletActionError } from './chain-wallet';
import { formatDateTime, humanize } from './format';
import { Alert } from './primitives/alert';
import { Button } from './primitives/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from './primitives/card';
import { Input } from './primitives/input';
import { Label } from './primitives/label';
import { aprText, durationText, tokenAmount } from './staking-format';
import { verificationLevelLabel, verificationRequirementLabel } from './status-labels';

// The member's side of a staking pool: figures from GET /api/staking/pools/{id} (the contract's,
// refreshed every few seconds so rewards are seen accruing), and stake / withdraw / claim sent from
// the member's injected wallet, as the invest dialog does. The indexer records each movement.

type Token = { address: string; decimals: number };
export type StakingPoolData = {
  pool: {
    id: string;
    name: string;
    chainId: number;
    status: 'pending' | 'active';
    address: string | null;
    stakingToken: Token;
    rewardToken: Token;
    lockPeriodSeconds: number;
    earlyExitPenaltyBps: number;
    maxStakePerUser: string;
    chain: { totalStaked: string; rewardRateScaled: string; periodFinish: string | null; paused: boolean; aprBps: string | null; readAt: string } | null;
  };
  chainAvailable: boolean;
  access: { eligible: boolean; requiredLevel: string; currentLevel: string };
  positions: { wallet: string; staked: string; earned: string; lockedUntil: string | null }[];
  history: { kind: string; wallet: string | null; amount: string; penalty: string; txHash: string; at: string }[];
};

type Action = 'stake' | 'withdraw' | 'claim';

export function StakingPanel({ initial }: { initial: StakingPoolData }) {
  const [data, setData] = useState(initial);
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState<Action | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { pool } = data;
  const { config, connectOnChain } = useChainWallet(pool.chainId);

  const refresh = useCallback(async () => {
    setData(await api<StakingPoolData>(`/api/staking/pools/${pool.id}`));
  }, [pool.id]);

  // Live: rewards accrue every second on chain; the page reads them again every 4 s.
  useEffect(() => {
    const t = setInterval(() => void refresh().catch(() => undefined), 4000);
    return () => clearInterval(t);
  }, [refresh]);

  async function act(action: Action) {
    setError(null);
    setBusy(action);
    try {
      if (!pool.address) throw new Error('The pool is not on chain yet.');
      const account = await connectOnChain();
      const poolAddress = pool.address as Hex;
      const send = async (hash: Hex, what: string) => {
        setNote(`Waiting for ${what} to be mined…`);
        const r = await waitForTransactionReceipt(config, { chainId: pool.chainId, hash });
        if (r.status !== 'success') throw new Error(`${what} failed on chain; nothing changed.`);
      };
      if (action === 'claim') {
        setNote('Confirm the claim in your wallet.');
        await send(await writeContract(config, { chainId: pool.chainId, account, address: poolAddress, abi: stakingPoolAbi, functionName: 'claim' }), 'the claim');
      } else {
        let units: bigint;
        try {
          units = parseUnits(amount.trim(), pool.stakingToken.decimals);
        } catch {
          throw new Error(`Enter an amount with at most ${pool.stakingToken.decimals} decimals.`);
        }
        if (units <= 0n) throw new Error('Enter an amount above zero.');
        if (action === 'stake') {
          // The platform checks the stake first (verification level, linked wallet, caps, pause) and
          // answers what to sign: an approval of exactly the amount when needed, then the stake.
          setNote('Checking the stake…');
          const { intent } = await api<{ intent: { transactions: { purpose: 'approve' | 'stake'; to: string; data: Hex }[] } }>(`/api/staking/pools/${pool.id}/stake-intents`, {
            method: 'POST',
            json: { wallet: account.toLowerCase(), amount: units.toString() },
          });
          for (const tx of intent.transactions) {
            setNote(tx.purpose === 'approve' ? `Approve exactly ${amount} for the pool in your wallet.` : 'Confirm the stake in your wallet.');
            await send(await sendTransaction(config, { chainId: pool.chainId, account, to: tx.to as Hex, data: tx.data }), tx.purpose === 'approve' ? 'the approval' : 'the stake');
          }
        } else {
          setNote('Confirm the withdrawal in your wallet.');
          await send(await writeContract(config, { chainId: pool.chainId, account, address: poolAddress, abi: stakingPoolAbi, functionName: 'withdraw', args: [units] }), 'the withdrawal');
        }
      }
      setAmount('');
      setNote('Done. The figures below are the pool contract’s.');
      await refresh();
    } catch (e) {
      setNote(null);
      setError(walletActionError(e));
    } finally {
      setBusy(null);
    }
  }

  const s = pool.stakingToken.decimals;
  const r = pool.rewardToken.decimals;
  return (
    <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
      <div className="grid content-start gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Pool</CardTitle>
            <CardDescription>
              Chain {pool.chainId} · <span className="font-mono break-all">{pool.address ?? 'awaiting creation'}</span>
            </CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <dt className="text-muted-foreground">APR (token terms)</dt>
              <dd data-testid="pool-apr">{aprText(pool.chain?.aprBps ?? null)}</dd>
              <dt className="text-muted-foreground">Total staked</dt>
              <dd className="break-all" data-testid="pool-total">{pool.chain ? tokenAmount(pool.chain.totalStaked, s) : '—'}</dd>
              <dt className="text-muted-foreground">Rewards end</dt>
              <dd>{pool.chain?.periodFinish ? formatDateTime(pool.chain.periodFinish) : '—'}</dd>
              <dt className="text-muted-foreground">Lock</dt>
              <dd>
                {durationText(pool.lockPeriodSeconds)}; leaving earlier costs {pool.earlyExitPenaltyBps / 100}%
              </dd>
            </dl>
            {!data.chainAvailable && (
              <Alert tone="error" title="The chain could not be read" className="mt-4">
                The figures are shown again as soon as the network answers.
              </Alert>
            )}
            {pool.chain?.paused && (
              <Alert tone="info" title="Paused" className="mt-4">
                The pool is paused: only emergency withdrawal of your principal is possible, from the contract itself.
              </Alert>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Your stake</CardTitle>
            <CardDescription>Per wallet linked to your account, read from the contract.</CardDescription>
          </CardHeader>
          <CardContent>
            {data.positions.length === 0 ? (
              <p className="text-sm text-muted-foreground">Link a wallet on your profile to stake from it.</p>
            ) : (
              <ul className="grid gap-3" data-testid="staking-positions">
                {data.positions.map((p) => (
                  <li key={p.wallet} className="grid gap-1 text-sm" data-testid="staking-position">
                    <span className="font-mono text-xs break-all">{p.wallet}</span>
                    <span>
                      Staked <strong data-testid="position-staked">{tokenAmount(p.staked, s)}</strong>
                    </span>
                    <span>
                      Rewards <strong data-testid="position-earned">{tokenAmount(p.earned, r)}</strong>
                    </span>
                    {p.lockedUntil && <span className="text-muted-foreground">Locked until {formatDateTime(p.lockedUntil)}</span>}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>History</CardTitle>
          </CardHeader>
          <CardContent>
            {data.history.length === 0 ? (
              <p className="text-sm text-muted-foreground">Nothing yet.</p>
            ) : (
              <ul className="grid divide-y divide-border text-sm" data-testid="staking-history">
                {data.history.map((h) => (
                  <li key={`${h.txHash}-${h.kind}-${h.amount}`} className="py-2">
                    {humanize(h.kind)} {tokenAmount(h.amount, h.kind === 'paid' ? r : s)}
                    {h.penalty !== '0' && ` (penalty ${tokenAmount(h.penalty, s)})`} · {formatDateTime(h.at)}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
      <Card className="content-start">
        <CardHeader>
          <CardTitle>Stake or withdraw</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          {!data.access.eligible ? (
            <Alert tone="info" title="Verification needed">
              <span data-testid="staking-ineligible">
                This pool is open to members verified to level “{verificationRequirementLabel(data.access.requiredLevel)}” or above; your level is “{verificationLevelLabel(data.access.currentLevel)}”.{' '}
                <Link href="/verification" className="font-medium text-primary-text underline">
                  Complete your verification
                </Link>{' '}
                to stake here.
              </span>
            </Alert>
          ) : (
            <>
              <Label htmlFor="stake-amount">Amount</Label>
              <Input id="stake-amount" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="0.0" />
              <div className="flex flex-col gap-2 sm:flex-row">
                <Button type="button" disabled={!!busy || pool.status !== 'active'} onClick={() => void act('stake')}>
                  {busy === 'stake' ? 'Staking…' : 'Stake'}
                </Button>
                <Button type="button" variant="outline" disabled={!!busy || pool.status !== 'active'} onClick={() => void act('withdraw')}>
                  {busy === 'withdraw' ? 'Withdrawing…' : 'Withdraw'}
                </Button>
                <Button type="button" variant="outline" disabled={!!busy || pool.status !== 'active'} onClick={() => void act('claim')}>
                  {busy === 'claim' ? 'Claiming…' : 'Claim rewards'}
                </Button>
              </div>
            </>
          )}
          {note && (
            <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="staking-note">
              {note}
            </p>
          )}
          {error && (
            <Alert tone="error" title="Nothing changed">
              <span data-testid="staking-error">{error}</span>
            </Alert>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
