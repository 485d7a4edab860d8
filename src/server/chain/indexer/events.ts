// The logs the indexer follows and how each is decoded. Logs are fetched by topic (event
// signature) for the whole chain, not by address: one eth_getLogs per range whatever the
// number of escrows, sales and pools (an address list grows with every investment and nodes
// cap its length). An address filter is applied here instead: a log counts only when the
// contract that emitted it is one the platform's own contracts created, so a look-alike
// contract emitting the same signatures is ignored.
import { decodeEventLog, toEventSelector, type Abi, type AbiEvent, type Hex } from 'viem';
import { escrowAbi } from '../../../../contracts/abi/Escrow';
import { escrowFactoryAbi } from '../../../../contracts/abi/EscrowFactory';
import { poolAbi } from '../../../../contracts/abi/Pool';
import { lendingPoolAbi } from '../../../../contracts/abi/LendingPool';
import { permissionedTokenAbi } from '../../../../contracts/abi/PermissionedToken';
import { stakingPoolAbi } from '../../../../contracts/abi/StakingPool';
import { tenantFactoryAbi } from '../../../../contracts/abi/TenantFactory';
import { tokenSaleAbi } from '../../../../contracts/abi/TokenSale';

/** The platform's payment token (a USD stablecoin) has 6 decimals: deals settle in it exactly (deals/chain-rail.ts). */
export const PAYMENT_TOKEN_DECIMALS = 6;

/** What emitted a log, which decides the ABI it is decoded with and what it may mean. */
export type ContractKind = 'escrowFactory' | 'tenantFactory' | 'sale' | 'pool' | 'escrow' | 'stakingPool' | 'lendingPool' | 'assetToken';

export const ABI_OF: Record<ContractKind, Abi> = {
  escrowFactory: escrowFactoryAbi as Abi,
  tenantFactory: tenantFactoryAbi as Abi,
  sale: tokenSaleAbi as Abi,
  pool: poolAbi as Abi,
  escrow: escrowAbi as Abi,
  stakingPool: stakingPoolAbi as Abi,
  lendingPool: lendingPoolAbi as Abi,
  // Only its own Moved event: following the ERC-20 Transfer topic would fetch every token transfer of the chain.
  assetToken: permissionedTokenAbi.filter((i) => i.type === 'event' && i.name === 'Moved') as Abi,
};

// Events that carry nothing the platform shows (signature-domain bookkeeping).
const IGNORED = new Set(['EIP712DomainChanged']);

/** Every followed event's topic0, deduplicated (StrandedRecovered is the same in escrows and pools). */
export const FOLLOWED_TOPICS: Hex[] = [
  ...new Set(
    Object.values(ABI_OF)
      .flatMap((abi) => abi.filter((i): i is AbiEvent => i.type === 'event' && !IGNORED.has(i.name)))
      .map((e) => toEventSelector(e)),
  ),
];

export type DecodedEvent = { name: string; args: Record<string, unknown> };

/**
 * Each kind's events by topic0, computed once. viem's decodeEventLog hashes the signature of
 * every event of the ABI it is given until one matches, for every log; given the one event
 * the topic names, it hashes once.
 */
const EVENT_BY_TOPIC: Record<ContractKind, Map<Hex, Abi>> = Object.fromEntries(
  Object.entries(ABI_OF).map(([kind, abi]) => [kind, new Map(abi.filter((i): i is AbiEvent => i.type === 'event').map((e) => [toEventSelector(e), [e] as Abi]))]),
) as Record<ContractKind, Map<Hex, Abi>>;

/** Decodes a log with the ABI of the contract kind that emitted it; null when it is not one of that kind's events. */
export function decodeLog(kind: ContractKind, log: { data: Hex; topics: readonly Hex[] }): DecodedEvent | null {
  const abi = log.topics[0] ? EVENT_BY_TOPIC[kind].get(log.topics[0].toLowerCase() as Hex) : undefined;
  if (!abi) return null;
  try {
    const d = decodeEventLog({ abi, data: log.data, topics: log.topics as [Hex, ...Hex[]], strict: true });
    if (!d.eventName || IGNORED.has(d.eventName)) return null;
    return { name: d.eventName, args: normalizeArgs(d.args as unknown as Record<string, unknown>) };
  } catch {
    return null;
  }
}

/** JSON-safe args: bigints as decimal strings, addresses and hashes in lower case. */
function normalizeArgs(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (typeof v === 'bigint') out[k] = v.toString();
    else if (typeof v === 'string' && v.startsWith('0x')) out[k] = v.toLowerCase();
    else out[k] = v;
  }
  return out;
}

/** EscrowCore.RefundReason -> the ledger's refund reason. */
export function refundReasonOf(reason: unknown): 'rejection' | 'timeout' | 'manual' {
  const r = Number(reason);
  if (r === 1) return 'rejection';
  if (r === 2) return 'timeout';
  return 'manual';
}

/**
 * The tenant of an on-chain tenant id: the tenant UUID's 16 bytes, left-padded to bytes32
 * (deploy.ts tenantIdFromUuid). Null for an id that is not such an encoding (the demo
 * deployment's hashed id): its events are kept but belong to no tenant.
 */
export function tenantUuidOf(tenantId: unknown): string | null {
  if (typeof tenantId !== 'string') return null;
  const m = /^0x0{32}([0-9a-f]{32})$/i.exec(tenantId);
  if (!m) return null;
  const h = m[1]!.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
