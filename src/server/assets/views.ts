// Response shapes of the assets module. Money and token amounts are decimal strings of minor / base units.
import type { ApplicationRow, AssetRow } from './repo';

type Doc = { id: string; title: string; kind: string; current_version: number; created_at: Date };
type Step = { id: string; action: string; reason: string | null; created_at: Date; actor_id: string; first_name: string; last_name: string };

export function applicationView(a: ApplicationRow, docs: Doc[], steps?: Step[]) {
  return {
    id: a.id,
    issuerId: a.issuer_id,
    status: a.status,
    assetType: a.asset_type,
    name: a.name,
    symbol: a.symbol,
    description: a.description,
    valuation: a.valuation,
    currency: a.currency,
    currencyDecimals: a.currency_decimals,
    supply: a.supply,
    decimals: a.decimals,
    jurisdiction: a.jurisdiction,
    regulation: a.regulation,
    chainId: Number(a.chain_id),
    treasuryAddress: a.treasury_address,
    restrictions: {
      lockupSeconds: Number(a.lockup_seconds),
      regSPeriodSeconds: Number(a.reg_s_period_seconds),
      maxHolders: a.max_holders,
      maxBalance: a.max_balance,
      allowedCountries: a.allowed_countries,
    },
    documents: docs.map(docView),
    reviewReason: a.review_reason,
    reviewedAt: a.reviewed_at?.toISOString() ?? null,
    submittedAt: a.submitted_at?.toISOString() ?? null,
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
    ...(steps
      ? { history: steps.map((s) => ({ id: s.id, action: s.action, reason: s.reason, at: s.created_at.toISOString(), by: { id: s.actor_id, name: `${s.first_name} ${s.last_name}`.trim() } })) }
      : {}),
  };
}

export function docView(d: Doc) {
  return { id: d.id, title: d.title, kind: d.kind, version: d.current_version, createdAt: d.created_at.toISOString() };
}

export function assetView(a: AssetRow) {
  return {
    id: a.id,
    applicationId: a.application_id,
    issuerId: a.issuer_id,
    name: a.name,
    symbol: a.symbol,
    assetType: a.asset_type,
    chainId: Number(a.chain_id),
    valuation: a.valuation,
    currency: a.currency,
    currencyDecimals: a.currency_decimals,
    status: a.status,
    tokenAddress: a.token_address,
    identityRegistryAddress: a.registry_address,
    regSPeriodEndsAt: a.reg_s_period_ends_at?.toISOString() ?? null,
    issuedAt: a.issued_at?.toISOString() ?? null,
    createdAt: a.created_at.toISOString(),
  };
}

type Tx = { id: string; kind: string; from_address: string | null; to_address: string | null; amount: string; tx_hash: string; log_index: number; block_number: string; block_time: Date };

export function transactionView(x: Tx) {
  return { id: x.id, kind: x.kind, from: x.from_address, to: x.to_address, amount: x.amount, txHash: x.tx_hash, logIndex: x.log_index, blockNumber: x.block_number, at: x.block_time.toISOString() };
}

type Update = { id: string; kind: string; title: string; body: string; valuation: string | null; created_at: Date };

export function updateView(u: Update) {
  return { id: u.id, kind: u.kind, title: u.title, body: u.body, valuation: u.valuation, createdAt: u.created_at.toISOString() };
}
