import { z } from 'zod';
import { acknowledgeInput, createLendingPoolInput, lendingSettingsInput, setPriceInput, walletCallInput } from './schema';

// The lending routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
const wad = (what: string) => z.string().describe(`${what}, x 1e18 (1e18 = 100%), as the contract keeps it`);
const collateral = z.object({
  token: z.string(),
  symbol: z.string(),
  decimals: z.number(),
  ltvBps: z.number(),
  liquidationThresholdBps: z.number(),
  liquidationBonusBps: z.number(),
  maxPriceAgeSeconds: z.number(),
  feed: z.string().nullable(),
});
const chainState = z
  .object({
    cash: z.string(),
    totalBorrows: z.string(),
    totalReserves: z.string(),
    utilisation: wad('borrows / (cash + borrows - reserves)'),
    borrowRate: wad('the yearly borrow rate at the current utilisation'),
    supplyRate: wad('the yearly supply rate: borrow rate x utilisation x (1 - reserve factor), rounded down'),
    supplyIndex: z.string(),
    borrowIndex: z.string(),
    paused: z.boolean(),
    prices: z.array(z.object({ token: z.string(), price: z.string().nullable().describe('stablecoin base units per collateral base unit x 1e18; null when the contract refuses it (stale)'), updatedAt: z.string().nullable() })),
    blockNumber: z.string(),
    readAt: z.string().describe('the block time the figures were read at'),
  })
  .nullable()
  .describe('read from the contract at one block; null while the pool waits for its on-chain creation or the node does not answer');
const pool = z.object({
  id: z.string(),
  name: z.string(),
  chainId: z.number(),
  status: z.enum(['pending', 'active']),
  address: z.string().nullable(),
  asset: z.object({ address: z.string(), decimals: z.number() }),
  rateModel: z.object({ baseRate: wad('base rate'), slope1: wad('slope below the kink'), slope2: wad('slope above the kink'), optimalUtilisation: wad('the kink') }),
  reserveFactorBps: z.number(),
  closeFactorBps: z.number(),
  minVerificationLevel: z.string(),
  collaterals: z.array(collateral),
  createdAt: z.string(),
});
const disclosure = z.object({ title: z.string(), body: z.string(), version: z.number(), acknowledged: z.boolean() }).nullable().describe('the tenant’s risk disclosure; null until the tenant publishes one (lending stays closed)');
const position = z.object({
  wallet: z.string(),
  supplied: z.string(),
  debt: z.string(),
  collateral: z.array(z.object({ token: z.string(), amount: z.string(), liquidationPrice: z.string().nullable().describe('the price (as `prices`) below which the position can be liquidated, others held; rounded up') })),
  borrowCapacity: z.string().nullable(),
  liquidationCapacity: z.string().nullable(),
  healthFactor: z.string().nullable().describe('x 1e18; null without debt or while a price is refused'),
});
const GATE = 'lending is off for this tenant (feature `lending`): code `feature_disabled`';

export const lendingOps = [
  { tag: 'lending', method: 'get', path: '/api/lending/pools', summary: 'Lending pools with their rates, utilisation and prices read from the contract, and the tenant’s risk disclosure (staff also see pools waiting for creation)', auth: 'user', response: z.object({ disclosure, pools: z.array(pool.extend({ chain: chainState })) }), forbidden: GATE },
  {
    tag: 'lending',
    method: 'get',
    path: '/api/lending/pools/{id}',
    summary: 'A lending pool, the caller’s access (level, disclosure), positions per linked wallet (balance, debt, collateral, health, liquidation prices, from the contract), history and realised rate history (from the indexer)',
    auth: 'user',
    params: z.object({ id: z.string().uuid() }),
    response: z.object({
      pool: pool.extend({ chain: chainState }),
      chainAvailable: z.boolean(),
      access: z.object({ eligible: z.boolean(), requiredLevel: z.string(), currentLevel: z.string(), disclosure }),
      positions: z.array(position),
      history: z.array(z.object({ kind: z.string(), wallet: z.string().nullable(), payer: z.string().nullable(), token: z.string().nullable(), amount: z.string(), seized: z.string().nullable(), txHash: z.string(), at: z.string() })),
      rateHistory: z.array(z.object({ at: z.string(), borrowRate: z.string(), supplyRate: z.string() })),
    }),
    forbidden: GATE,
  },
  {
    tag: 'lending',
    method: 'get',
    path: '/api/lending/positions',
    summary: 'The caller’s positions in every pool as the indexer summed them (scaled supply and debt, collateral per token)',
    auth: 'user',
    response: z.object({ positions: z.array(z.object({ poolId: z.string(), wallet: z.string(), scaledSupply: z.string(), scaledDebt: z.string(), collateral: z.record(z.string(), z.string()), indexedAtBlock: z.string(), indexedAt: z.string() })) }),
    forbidden: GATE,
  },
  {
    tag: 'lending',
    method: 'post',
    path: '/api/lending/pools/{id}/calls',
    summary: 'The wallet calls for a supply, withdrawal, collateral move, borrow, repayment or liquidation (an exact approval first where needed), checked before anything is signed',
    auth: 'user',
    params: z.object({ id: z.string().uuid() }),
    body: walletCallInput,
    response: z.object({ chainId: z.number(), pool: z.string(), action: z.string(), amount: z.string(), calls: z.array(z.object({ to: z.string(), data: z.string(), value: z.string(), description: z.string() })) }),
    forbidden: `${GATE}; \`verification_level_required\` below the pool’s level; \`disclosure_not_acknowledged\` before the disclosure in force is acknowledged (supply, collateral, borrow)`,
    conflict: 'the contract would refuse it (`insufficient_collateral`, `insufficient_liquidity`, `insufficient_balance`, `stale_price`, `pool_paused`, `nothing_to_repay`), the wallet holds too little (`insufficient_wallet_balance`), the position is not liquidatable (`position_healthy`), or no disclosure is published (`disclosure_missing`)',
  },
  {
    tag: 'lending',
    method: 'post',
    path: '/api/lending/disclosure/acknowledge',
    summary: 'Acknowledge the tenant’s lending risk disclosure (this version); stored and audited',
    auth: 'user',
    body: acknowledgeInput,
    response: z.object({ acknowledgement: z.object({ version: z.number(), acknowledged: z.boolean() }) }),
    forbidden: GATE,
    conflict: 'no disclosure published (`disclosure_missing`) or another version in force (`disclosure_outdated`)',
  },
  {
    tag: 'lending',
    method: 'post',
    path: '/api/admin/lending/pools',
    summary: 'Open a lending pool: recorded pending and created, with its collaterals listed and priced, by the tenant factory through the transaction manager; the indexer activates it',
    auth: ['tenant_admin'],
    body: createLendingPoolInput,
    status: 201,
    forbidden: GATE,
    conflict: 'the tenant has no contracts on that chain yet: code `chain_not_provisioned`',
  },
  {
    tag: 'lending',
    method: 'post',
    path: '/api/admin/lending/pools/{id}/prices',
    summary: 'Set a collateral’s price (stablecoin per whole token) from the tenant operator key, through the transaction manager; audited',
    auth: ['tenant_admin'],
    params: z.object({ id: z.string().uuid() }),
    body: setPriceInput,
    status: 201,
    response: z.object({ price: z.object({ token: z.string(), price: z.string(), scaled: z.string(), transaction: z.object({ id: z.string(), status: z.string() }) }) }),
    forbidden: GATE,
    conflict: 'the pool is not on chain yet (`lending_pool_not_active`) or the collateral is priced by its feed (`price_from_feed`)',
  },
  {
    tag: 'lending',
    method: 'put',
    path: '/api/admin/lending/settings',
    summary: 'Publish the lending risk disclosure as a new version (members acknowledge it again); audited',
    auth: ['tenant_admin'],
    body: lendingSettingsInput,
    response: z.object({ disclosure: z.object({ title: z.string(), body: z.string(), version: z.number() }) }),
  },
] as const;
