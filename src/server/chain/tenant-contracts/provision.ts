// Tenant provisioning on chain: the tenant's own TenantFactory on every chain its
// blockchain_settings enable, registered with the EscrowFactory, and the tenant's derived
// operator / admin signers granted the tenant's roles (nothing else). Every step is a platform
// transaction of the transaction manager with its own dedupe key, so the job can run again
// after any crash and picks up where the chain is: a step already mined is not sent twice.
import { encodeDeployData, encodeFunctionData, type Abi, type Hex } from 'viem';
import { loadArtifact } from '../../../../contracts/compile';
import { escrowFactoryAbi } from '../../../../contracts/abi/EscrowFactory';
import { serviceAbi } from '../../../../contracts/abi/Service';
import { withChainSystem } from '../../db/platform';
import { isDevChain } from '../chains';
import { tenantAdminRole, tenantIdFromUuid, tenantOperatorRole } from '../deploy';
import { publicClientFor, requireDeployments } from '../network';
import { tenantSigner } from '../signers';
import { findTx, findTxs } from '../tx-manager/repo';
import { enqueuePlatformTransaction } from '../tx-manager/queue';
import { settleTransactions } from '../tx-manager/send';
import { lockTenantChain, pendingTenantChains, updateTenantChain } from './repo';

const ONE_ETH = 10n ** 18n;

/** On the local chain the derived signers get gas money from anvil; elsewhere an operator funds them. */
async function fundLocalSigners(chainId: number, addresses: Hex[]): Promise<void> {
  if (!isDevChain(chainId)) return;
  const client = publicClientFor(chainId);
  for (const address of addresses) {
    const balance = await client.getBalance({ address });
    if (balance < ONE_ETH) await client.request({ method: 'anvil_setBalance' as never, params: [address, `0x${(100n * ONE_ETH).toString(16)}`] as never });
  }
}

export async function provisionTenantChain(tenantId: string, chainId: number, opts: { timeoutMs?: number } = {}): Promise<{ factory: string }> {
  const system = requireDeployments(chainId);
  const onChainId = tenantIdFromUuid(tenantId);
  const operator = tenantSigner(chainId, tenantId, 'operator').address;
  const admin = tenantSigner(chainId, tenantId, 'tenant_admin').address;
  // The tenant's fees go to its admin signer until the tenant names a treasury.
  const treasury = admin;
  try {
    await fundLocalSigners(chainId, [operator, admin]);
    const artifact = loadArtifact('TenantFactory');
    const deploy = await withChainSystem(async (db) => {
      await updateTenantChain(db, tenantId, chainId, { operator_address: operator.toLowerCase(), admin_address: admin.toLowerCase(), treasury_address: treasury.toLowerCase() });
      return enqueuePlatformTransaction(db, tenantId, {
        chainId,
        to: null,
        data: encodeDeployData({ abi: artifact.abi as Abi, bytecode: artifact.bytecode, args: [system.service, system.escrowFactory, system.saleDeployer, system.poolImplementation, system.stakingPoolDeployer, system.lendingPoolDeployer, onChainId, treasury] }),
        purpose: 'tenant.deploy_factory',
        referenceType: 'tenant',
        referenceId: tenantId,
        dedupeKey: `tenant:${tenantId}:factory`,
      });
    });
    await settleTransactions(chainId, [deploy.id], opts);
    const deployed = (await withChainSystem((db) => findTx(db, deploy.id)))!;
    if (deployed.status !== 'mined' || !deployed.contract_address) throw new Error(`TenantFactory deployment failed: ${deployed.last_error ?? deployed.status}`);
    const factory = deployed.contract_address as Hex;
    const steps = await withChainSystem(async (db) => [
      await enqueuePlatformTransaction(db, tenantId, { chainId, to: system.escrowFactory, data: encodeFunctionData({ abi: escrowFactoryAbi, functionName: 'registerTenantFactory', args: [factory] }), purpose: 'tenant.register_factory', referenceType: 'tenant', referenceId: tenantId, dedupeKey: `tenant:${tenantId}:register` }),
      await enqueuePlatformTransaction(db, tenantId, { chainId, to: system.service, data: encodeFunctionData({ abi: serviceAbi, functionName: 'grantRole', args: [tenantOperatorRole(onChainId), operator] }), purpose: 'tenant.grant_operator', referenceType: 'tenant', referenceId: tenantId, dedupeKey: `tenant:${tenantId}:operator:${operator}` }),
      await enqueuePlatformTransaction(db, tenantId, { chainId, to: system.service, data: encodeFunctionData({ abi: serviceAbi, functionName: 'grantRole', args: [tenantAdminRole(onChainId), admin] }), purpose: 'tenant.grant_admin', referenceType: 'tenant', referenceId: tenantId, dedupeKey: `tenant:${tenantId}:admin:${admin}` }),
    ]);
    await settleTransactions(chainId, steps.map((s) => s.id), opts);
    const settled = await withChainSystem((db) => findTxs(db, steps.map((s) => s.id)));
    const bad = settled.find((s) => s.status !== 'mined');
    if (bad) throw new Error(`${bad.purpose} failed: ${bad.last_error ?? bad.status}`);
    await withChainSystem(async (db) => {
      await lockTenantChain(db, tenantId, chainId);
      await updateTenantChain(db, tenantId, chainId, { deploy_status: 'deployed', factory_address: factory.toLowerCase(), deploy_tx_hash: deployed.tx_hash, deployed_block: deployed.block_number, last_error: null });
    });
    return { factory: factory.toLowerCase() };
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).slice(0, 2000);
    await withChainSystem((db) => updateTenantChain(db, tenantId, chainId, { last_error: message }));
    throw e;
  }
}

/** The job: every pending tenant chain, one after the other. A failure stays pending (retried next run) with its error shown. */
export async function provisionPendingTenants(opts: { limit?: number; log?: (m: string) => void } = {}): Promise<{ deployed: number; failed: number }> {
  const r = { deployed: 0, failed: 0 };
  for (const p of await withChainSystem((db) => pendingTenantChains(db, opts.limit ?? 20))) {
    try {
      const { factory } = await provisionTenantChain(p.tenant_id, Number(p.chain_id));
      opts.log?.(`tenant ${p.slug}: TenantFactory ${factory} on chain ${p.chain_id}`);
      r.deployed++;
    } catch (e) {
      opts.log?.(`tenant ${p.slug}: provisioning on chain ${p.chain_id} failed: ${e instanceof Error ? e.message : String(e)}`);
      r.failed++;
    }
  }
  return r;
}
