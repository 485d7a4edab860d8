import { Coins, Pause, Play, Power } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { stakingAdminOverview } from '@/server/staking/admin';
import { ConfirmAction } from '@/ui/confirm-action';
import { EmptyState } from '@/ui/empty-state';
import { formatDateTime } from '@/ui/format';
import { PageHeader } from '@/ui/page-header';
import { Badge } from '@/ui/primitives/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/ui/primitives/card';
import { FundStakingPoolForm, NewStakingPoolForm } from '@/ui/staking-admin-forms';
import { aprText, durationText, tokenAmount } from '@/ui/staking-format';
import { verificationRequirementLabel } from '@/ui/status-labels';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Staking pools' };

const cap = (v: string, decimals: number) => (v === '0' ? 'none' : tokenAmount(v, decimals));

/** The tenant admin's staking pools: their on-chain state, opening one, funding and pausing. */
export default async function AdminStakingPage() {
  const { tenant, principal } = await requireSession('/admin/staking', ['tenant_admin']);
  if (!tenant.features.staking) {
    return (
      <>
        <PageHeader title="Administration" description="Staking pools: members stake a token and earn rewards per second." />
        <AdminNav current="/admin/staking" />
        <EmptyState
          icon={Coins}
          title="Staking is off for this platform"
          action={
            <ConfirmAction
              label="Offer staking"
              icon={<Power aria-hidden />}
              title="Offer staking pools?"
              description="Members will see Staking in the menu and the pools you open. A yield product may need your compliance team’s approval first."
              confirmLabel="Turn staking on"
              request={{ path: '/api/admin/tenant', method: 'PATCH', json: { features: { staking: true } } }}
            />
          }
        >
          Turn it on to open pools.
        </EmptyState>
      </>
    );
  }
  const { chains, pools } = await stakingAdminOverview(tenant, principal);
  return (
    <>
      <PageHeader title="Administration" description="Staking pools: figures are read from each pool contract; pools are created, funded and paused by the platform’s keys through the transaction queue." />
      <AdminNav current="/admin/staking" />
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <div className="grid content-start gap-4">
          {pools.length === 0 ? (
            <EmptyState icon={Coins} title="No staking pools yet">
              Open one with the form.
            </EmptyState>
          ) : (
            pools.map((p) => (
              <Card key={p.id} data-testid="admin-staking-pool">
                <CardHeader>
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <CardTitle>
                      <Link href={`/staking/${p.id}`} className="text-primary-text hover:underline">
                        {p.name}
                      </Link>
                    </CardTitle>
                    {p.status === 'pending' ? <Badge tone="warning">Awaiting creation on chain</Badge> : p.chain?.paused ? <Badge tone="danger">Paused</Badge> : <Badge tone="success">Active</Badge>}
                  </div>
                  <CardDescription>
                    Chain {p.chainId} · <span className="font-mono break-all">{p.address ?? 'no address yet'}</span>
                  </CardDescription>
                </CardHeader>
                <CardContent className="grid gap-4">
                  <dl className="grid grid-cols-2 gap-x-4 gap-y-1.5 text-sm">
                    <dt className="text-muted-foreground">APR (token terms)</dt>
                    <dd data-testid="admin-pool-apr">{aprText(p.chain?.aprBps ?? null)}</dd>
                    <dt className="text-muted-foreground">Total staked</dt>
                    <dd className="break-all">{p.chain ? tokenAmount(p.chain.totalStaked, p.stakingToken.decimals) : '—'}</dd>
                    <dt className="text-muted-foreground">Rewards end</dt>
                    <dd>{p.chain?.periodFinish ? formatDateTime(p.chain.periodFinish) : 'not funded'}</dd>
                    <dt className="text-muted-foreground">Period · lock</dt>
                    <dd>
                      {durationText(p.rewardsDurationSeconds)} · {durationText(p.lockPeriodSeconds)}
                    </dd>
                    <dt className="text-muted-foreground">Early-exit penalty</dt>
                    <dd>{p.earlyExitPenaltyBps / 100}%</dd>
                    <dt className="text-muted-foreground">Caps (staker · total)</dt>
                    <dd className="break-all">
                      {cap(p.maxStakePerUser, p.stakingToken.decimals)} · {cap(p.maxTotalStaked, p.stakingToken.decimals)}
                    </dd>
                    <dt className="text-muted-foreground">Verification needed</dt>
                    <dd>{verificationRequirementLabel(p.minVerificationLevel)}</dd>
                  </dl>
                  {p.status === 'active' && (
                    <>
                      {p.funding && (
                        <p className="text-xs text-muted-foreground">
                          Rewards are paid from the operator address <span className="font-mono break-all" data-testid="operator-address">{p.funding.operator}</span>, which holds{' '}
                          <span data-testid="operator-reward-balance">{tokenAmount(p.funding.rewardTokenHeld, p.rewardToken.decimals)}</span> of the reward token.
                        </p>
                      )}
                      <FundStakingPoolForm poolId={p.id} poolName={p.name} rewardDecimals={p.rewardToken.decimals} />
                      <div className="flex">
                        {p.chain?.paused ? (
                          <ConfirmAction
                            label="Resume"
                            icon={<Play aria-hidden />}
                            ariaLabel={`Resume ${p.name}`}
                            title={`Resume ${p.name}?`}
                            description="Staking, withdrawing and claiming open again once the chain has done it."
                            confirmLabel="Resume"
                            request={{ path: `/api/admin/staking/pools/${p.id}/pause`, json: { paused: false } }}
                          />
                        ) : (
                          <ConfirmAction
                            label="Pause"
                            icon={<Pause aria-hidden />}
                            ariaLabel={`Pause ${p.name}`}
                            title={`Pause ${p.name}?`}
                            description="Staking, withdrawing and claiming stop; stakers can still take their principal out (emergency withdrawal), and their rewards stay booked."
                            confirmLabel="Pause"
                            request={{ path: `/api/admin/staking/pools/${p.id}/pause`, json: { paused: true } }}
                          />
                        )}
                      </div>
                    </>
                  )}
                </CardContent>
              </Card>
            ))
          )}
        </div>
        <Card className="self-start">
          <CardHeader>
            <CardTitle>Open a pool</CardTitle>
            <CardDescription>Created on chain by the platform’s tenant factory; fund its rewards once it is active.</CardDescription>
          </CardHeader>
          <CardContent>
            <NewStakingPoolForm chains={chains} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
