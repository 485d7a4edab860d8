'use client';

import { Coins, Loader2, Plus } from 'lucide-react';
import { parseUnits } from 'viem';
import { api } from './api-client';
import { Button } from './primitives/button';
import { Field, fieldAria } from './primitives/field';
import { Input, NativeSelect } from './primitives/input';
import { VERIFICATION_LEVEL_CHOICES } from './status-labels';
import { FormStatus } from './form-status';
import { useSubmit } from './use-submit';

// The tenant admin's staking forms: open a pool (POST /api/admin/staking/pools) and fund its
// rewards (POST /api/admin/staking/pools/{id}/fund). The API's field errors show under the field
// they name; durations are asked in days and the penalty in percent, and sent as the API's units.

export type StakingChainChoice = { chainId: number; operator: string; paymentToken: string | null };

const text = (d: FormData, k: string) => String(d.get(k) ?? '').trim();
/** Days (decimals allowed) to whole seconds; an empty or unreadable value goes as null, which the API names. */
const seconds = (v: string) => (v === '' ? null : Number.isFinite(Number(v)) ? Math.round(Number(v) * 86_400) : null);
const baseUnitsOr0 = (v: string) => (v === '' ? '0' : v);

const Status = FormStatus;

export function NewStakingPoolForm({ chains }: { chains: StakingChainChoice[] }) {
  const s = useSubmit(async (d) => {
    const penalty = text(d, 'earlyExitPenaltyBps');
    await api('/api/admin/staking/pools', {
      method: 'POST',
      json: {
        name: text(d, 'name'),
        chainId: Number(text(d, 'chainId')),
        stakingToken: text(d, 'stakingToken'),
        rewardToken: text(d, 'rewardToken'),
        rewardBudget: baseUnitsOr0(text(d, 'rewardBudget')),
        rewardsDurationSeconds: seconds(text(d, 'rewardsDurationSeconds')),
        lockPeriodSeconds: seconds(text(d, 'lockPeriodSeconds')) ?? 0,
        earlyExitPenaltyBps: penalty === '' ? 0 : Number.isFinite(Number(penalty)) ? Math.round(Number(penalty) * 100) : null,
        maxStakePerUser: baseUnitsOr0(text(d, 'maxStakePerUser')),
        maxTotalStaked: baseUnitsOr0(text(d, 'maxTotalStaked')),
        minVerificationLevel: text(d, 'minVerificationLevel'),
      },
    });
  }, 'Pool requested: it shows as awaiting creation until the chain has created it.');
  const err = s.fieldError;
  const first = chains[0];
  if (!first) return <p className="text-sm text-muted-foreground">This platform has no contracts on a chain yet, so pools cannot be opened.</p>;
  return (
    <form onSubmit={s.onSubmit} className="grid gap-4" noValidate data-testid="new-staking-pool">
      <Status s={s} />
      <Field id="sp-name" label="Name" error={err('name')}>
        <Input {...fieldAria('sp-name', err('name'))} name="name" maxLength={120} required />
      </Field>
      <Field id="sp-chain" label="Chain" error={err('chainId')}>
        <NativeSelect {...fieldAria('sp-chain', err('chainId'))} name="chainId" defaultValue={String(first.chainId)}>
          {chains.map((c) => (
            <option key={c.chainId} value={c.chainId}>
              Chain {c.chainId}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="sp-stake-token" label="Staking token address" hint="The ERC-20 members stake" error={err('stakingToken')}>
        <Input {...fieldAria('sp-stake-token', err('stakingToken'), true)} name="stakingToken" defaultValue={first.paymentToken ?? ''} autoComplete="off" spellCheck={false} className="font-mono" />
      </Field>
      <Field id="sp-reward-token" label="Reward token address" hint="The ERC-20 rewards are paid in" error={err('rewardToken')}>
        <Input {...fieldAria('sp-reward-token', err('rewardToken'), true)} name="rewardToken" defaultValue={first.paymentToken ?? ''} autoComplete="off" spellCheck={false} className="font-mono" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="sp-budget" label="Reward budget (optional)" hint="In the reward token’s smallest units; funded afterwards" error={err('rewardBudget')}>
          <Input {...fieldAria('sp-budget', err('rewardBudget'), true)} name="rewardBudget" inputMode="numeric" />
        </Field>
        <Field id="sp-period" label="Reward period (days)" hint="Rewards are spread over it" error={err('rewardsDurationSeconds')}>
          <Input {...fieldAria('sp-period', err('rewardsDurationSeconds'), true)} name="rewardsDurationSeconds" inputMode="decimal" defaultValue="30" />
        </Field>
        <Field id="sp-lock" label="Lock period (days)" hint="0 for none; restarts with each stake" error={err('lockPeriodSeconds')}>
          <Input {...fieldAria('sp-lock', err('lockPeriodSeconds'), true)} name="lockPeriodSeconds" inputMode="decimal" defaultValue="0" />
        </Field>
        <Field id="sp-penalty" label="Early-exit penalty (%)" hint="Withdrawing before the lock ends; at most 50" error={err('earlyExitPenaltyBps')}>
          <Input {...fieldAria('sp-penalty', err('earlyExitPenaltyBps'), true)} name="earlyExitPenaltyBps" inputMode="decimal" defaultValue="0" />
        </Field>
        <Field id="sp-cap-user" label="Cap per staker (optional)" hint="Staking-token smallest units; empty for none" error={err('maxStakePerUser')}>
          <Input {...fieldAria('sp-cap-user', err('maxStakePerUser'), true)} name="maxStakePerUser" inputMode="numeric" />
        </Field>
        <Field id="sp-cap-total" label="Total cap (optional)" hint="Staking-token smallest units; empty for none" error={err('maxTotalStaked')}>
          <Input {...fieldAria('sp-cap-total', err('maxTotalStaked'), true)} name="maxTotalStaked" inputMode="numeric" />
        </Field>
      </div>
      <Field id="sp-level" label="Verification needed to stake" error={err('minVerificationLevel')}>
        <NativeSelect {...fieldAria('sp-level', err('minVerificationLevel'))} name="minVerificationLevel" defaultValue="none">
          {Object.entries(VERIFICATION_LEVEL_CHOICES).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <div>
        <Button type="submit" disabled={s.busy}>
          {s.busy ? <Loader2 className="animate-spin" aria-hidden /> : <Plus aria-hidden />} Open pool
        </Button>
      </div>
    </form>
  );
}

/** Funds (or tops up) a pool's rewards from the operator key; the amount in whole reward tokens. */
export function FundStakingPoolForm({ poolId, poolName, rewardDecimals }: { poolId: string; poolName: string; rewardDecimals: number }) {
  const s = useSubmit(async (d) => {
    let amount: string;
    try {
      amount = parseUnits(text(d, 'amount'), rewardDecimals).toString();
    } catch {
      amount = text(d, 'amount');
    }
    await api(`/api/admin/staking/pools/${poolId}/fund`, { method: 'POST', json: { amount, reuseUnallocated: d.get('reuseUnallocated') === 'on' } });
  }, 'Funding sent: the reward rate shows once the chain has done it.');
  const id = `fund-${poolId}`;
  return (
    <form onSubmit={s.onSubmit} className="grid gap-3" noValidate aria-label={`Fund ${poolName}`} data-testid="fund-staking-pool">
      <Status s={s} />
      <Field id={id} label="Reward amount" hint={`In whole reward tokens (up to ${rewardDecimals} decimals); starts a fresh reward period`} error={s.fieldError('amount')}>
        <Input {...fieldAria(id, s.fieldError('amount'), true)} name="amount" inputMode="decimal" autoComplete="off" />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="reuseUnallocated" className="size-4" /> Also re-offer rewards nobody was promised
      </label>
      <div>
        <Button type="submit" size="sm" disabled={s.busy}>
          {s.busy ? <Loader2 className="animate-spin" aria-hidden /> : <Coins aria-hidden />} Fund rewards
        </Button>
      </div>
    </form>
  );
}
