// The server's signing keys, from configuration only (never logged, never stored). The platform
// admin and the compliance signer are single keys. The operator and tenant-admin keys are roots:
// each tenant signs with a key derived from the root and its tenant id, so tenant A's operator
// address holds tenant A's role on chain and nothing of tenant B's (the contracts check roles
// per tenant). On the local chain (31337) every key defaults to anvil's public dev accounts.
import { concat, hexToBigInt, keccak256, stringToHex, toHex, type Hex } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { getConfig } from '../config';
import { LOCAL_CHAIN_ID } from './anvil';
import { isDevChain } from './chains';
import { localAccount } from './dev-accounts';
import { tenantIdFromUuid } from './tenant-id';

export type SignerRole = 'platform_admin' | 'operator' | 'tenant_admin';

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function localKey(index: number): Hex {
  return toHex(localAccount(index).getHdKey().privateKey!);
}

function configured(name: 'CHAIN_PLATFORM_ADMIN_KEY' | 'CHAIN_OPERATOR_KEY' | 'CHAIN_TENANT_ADMIN_KEY' | 'CHAIN_COMPLIANCE_SIGNER_KEY', chainId: number, localIndex: number): Hex {
  const key = getConfig()[name] as Hex | undefined;
  if (key) return key;
  if (isDevChain(chainId)) return localKey(localIndex);
  throw new Error(`${name} is not configured: server transactions on chain ${chainId} need it (only the local chain ${LOCAL_CHAIN_ID} defaults to anvil's accounts)`);
}

/** A valid secp256k1 key derived from a root, the tenant and the role; re-hashed in the (negligible) case it falls out of range. */
export function deriveTenantKey(root: Hex, tenantUuid: string, role: SignerRole): Hex {
  let key = keccak256(concat([root, tenantIdFromUuid(tenantUuid), stringToHex(`cdp:${role}`)]));
  while (hexToBigInt(key) === 0n || hexToBigInt(key) >= SECP256K1_N) key = keccak256(key);
  return key;
}

export function platformAdminSigner(chainId: number): PrivateKeyAccount {
  return privateKeyToAccount(configured('CHAIN_PLATFORM_ADMIN_KEY', chainId, 0));
}

/** Signs investors' eligibility approvals; on the local chain the deployer, which deploySystem makes Service.complianceSigner. */
export function complianceSigner(chainId: number): PrivateKeyAccount {
  return privateKeyToAccount(configured('CHAIN_COMPLIANCE_SIGNER_KEY', chainId, 0));
}

export function tenantSigner(chainId: number, tenantId: string, role: 'operator' | 'tenant_admin'): PrivateKeyAccount {
  const root = role === 'operator' ? configured('CHAIN_OPERATOR_KEY', chainId, 1) : configured('CHAIN_TENANT_ADMIN_KEY', chainId, 2);
  return privateKeyToAccount(deriveTenantKey(root, tenantId, role));
}

/** The account that sends a transaction of this role: the tenant's own for tenant roles. */
export function signerFor(chainId: number, role: SignerRole, tenantId: string | null): PrivateKeyAccount {
  if (role === 'platform_admin') return platformAdminSigner(chainId);
  if (!tenantId) throw new Error(`a ${role} transaction needs a tenant`);
  return tenantSigner(chainId, tenantId, role);
}
