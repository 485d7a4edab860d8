// What the tenant admin's staking page reads: every pool (pending ones too) with its on-chain state,
// the chains the tenant can open pools on, and for each pool what the operator key (which funds
// rewards) holds of its reward token, so the page says how much can be funded before trying.
import { erc20Abi, type Address } from 'viem';
import type { Principal } from '../auth/principal';
import { publicClientFor, systemDeployments } from '../chain/network';
import { tenantSigner } from '../chain/signers';
import { tenantChains } from '../chain/tenant-contracts/service';
import { withTenant } from '../db/tenant';
import { Forbidden } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { listPools, requireStaking } from './service';

export type StakingChainOption = { chainId: number; operator: string; paymentToken: string | null };

export async function stakingAdminOverview(tenant: TenantContext, admin: Principal) {
  requireStaking(tenant);
  if (!admin.roles.includes('tenant_admin')) throw new Forbidden();
  const [{ pools }, chains] = await Promise.all([listPools(tenant, admin), withTenant(tenant.id, { userId: admin.userId }, (t) => tenantChains(t))]);
  const options: StakingChainOption[] = chains
    .filter((c) => c.deploy_status === 'deployed')
    .map((c) => {
      const chainId = Number(c.chain_id);
      return { chainId, operator: tenantSigner(chainId, tenant.id, 'operator').address, paymentToken: systemDeployments(chainId)?.paymentToken.toLowerCase() ?? null };
    });
  const operatorHeld = await Promise.all(
    pools.map(async (p) => {
      if (p.status !== 'active') return null;
      const operator = tenantSigner(p.chainId, tenant.id, 'operator').address;
      const held = await publicClientFor(p.chainId)
        .readContract({ address: p.rewardToken.address as Address, abi: erc20Abi, functionName: 'balanceOf', args: [operator] })
        .catch(() => null);
      return held === null ? null : { operator, rewardTokenHeld: held.toString() };
    }),
  );
  return { chains: options, pools: pools.map((p, i) => ({ ...p, funding: operatorHeld[i] ?? null })) };
}
