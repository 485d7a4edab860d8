// Asset tokenization: an issuer applies to tokenize an asset and edits the application until it is
// approved; the tenant's reviewers request changes, approve or reject (with a reason the issuer
// reads), in the style of deal review: every step is kept and audited, and nobody reviews an
// application they created (four eyes). Approval creates the asset; the issuing job
// (issuance.ts) deploys its PermissionedToken. Members read issued assets; holders are shown only
// to the asset's issuer and the tenant's transfer agents, compliance officers and admins.
import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { audit, type RequestMeta } from '../audit/service';
import { tenantChains } from '../chain/tenant-contracts/repo';
import { withTenant, type TenantTx } from '../db/tenant';
import type { AssetApplicationStatus, Role } from '../db/types';
import { BadRequest, Conflict, Forbidden, NotFound, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import { findIssuerByUser } from '../issuers/repo';
import { requireOwnIssuer } from '../issuers/service';
import { requireFeature } from '../tenancy/features';
import type { TenantContext } from '../tenancy/resolve';
import {
  applicationDocuments,
  assetHolders,
  findApplication,
  findAsset,
  findAssetByApplication,
  insertApplication,
  insertApplicationEvent,
  insertAsset,
  insertAssetUpdate,
  issuerDocumentIds,
  listApplicationEvents,
  listApplications,
  listAssets,
  listAssetTransactions,
  listAssetUpdates,
  replaceApplicationDocuments,
  setAssetValuation,
  updateApplication,
  type ApplicationFields,
  type ApplicationRow,
} from './repo';
import { termsProblems, type CreateApplicationInput, type PostUpdateInput, type ReviewApplicationInput, type UpdateApplicationInput } from './schema';
import { applicationView, assetView, docView, transactionView, updateView } from './views';

/** Who reviews applications. */
export const REVIEWER_ROLES: readonly Role[] = ['tenant_admin', 'compliance_officer'];
/** Who sees an asset's holders besides its issuer. */
const HOLDER_VIEWERS: readonly Role[] = ['tenant_admin', 'compliance_officer', 'transfer_agent'];
const EDITABLE: AssetApplicationStatus[] = ['draft', 'changes_requested'];

export function requireAssets(tenant: TenantContext): void {
  requireFeature(tenant, 'assetTokenization');
}

function fieldsOf(input: Partial<CreateApplicationInput>): ApplicationFields {
  const f: ApplicationFields = {
    asset_type: input.assetType,
    name: input.name,
    symbol: input.symbol,
    description: input.description,
    valuation: input.valuation,
    currency: input.currency,
    currency_decimals: input.currencyDecimals,
    supply: input.supply,
    decimals: input.decimals,
    jurisdiction: input.jurisdiction,
    regulation: input.regulation,
    chain_id: input.chainId,
    treasury_address: input.treasuryAddress,
    lockup_seconds: input.lockupSeconds,
    reg_s_period_seconds: input.regSPeriodSeconds,
    max_holders: input.maxHolders,
    max_balance: input.maxBalance,
    allowed_countries: input.allowedCountries ? [...new Set(input.allowedCountries)].sort() : undefined,
  };
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as ApplicationFields;
}

async function checkChain(t: TenantTx, chainId: number | undefined): Promise<void> {
  if (chainId === undefined) return;
  const chains = (await tenantChains(t)).map((c) => Number(c.chain_id));
  if (!chains.includes(chainId)) throw new ValidationError([{ field: 'chainId', message: `chain ${chainId} is not one of this platform's chains (${chains.join(', ') || 'none'})` }]);
}

async function checkDocuments(t: TenantTx, issuerId: string, ids: string[] | undefined): Promise<string[] | undefined> {
  if (!ids) return undefined;
  const unique = [...new Set(ids)];
  const owned = await issuerDocumentIds(t, issuerId, unique);
  const foreign = unique.filter((id) => !owned.has(id));
  if (foreign.length) throw new ValidationError([{ field: 'documentIds', message: `not documents of your issuer profile: ${foreign.join(', ')}` }]);
  return unique;
}

/** The application as one of its readers sees it: its issuer, or a reviewer (never a draft). 404 for anyone else. */
async function readableApplication(t: TenantTx, p: Principal, id: string, opts: { forUpdate?: boolean } = {}): Promise<{ app: ApplicationRow; asIssuer: boolean; asReviewer: boolean }> {
  const app = await findApplication(t, id, opts);
  if (!app) throw new NotFound('Application not found');
  const issuer = await findIssuerByUser(t, p.userId);
  const asIssuer = !!issuer && issuer.id === app.issuer_id;
  const asReviewer = hasRole(p, REVIEWER_ROLES) && app.status !== 'draft';
  if (!asIssuer && !asReviewer) throw new NotFound('Application not found');
  return { app, asIssuer, asReviewer };
}

async function fullView(t: TenantTx, app: ApplicationRow) {
  const asset = app.status === 'approved' ? await findAssetByApplication(t, app.id) : undefined;
  return { application: applicationView(app, await applicationDocuments(t, app.id), await listApplicationEvents(t, app.id)), asset: asset ? assetView(asset) : null };
}

export async function createApplication(tenant: TenantContext, p: Principal, input: CreateApplicationInput, meta: RequestMeta) {
  requireAssets(tenant);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await requireOwnIssuer(t, p, { verified: false });
    await checkChain(t, input.chainId);
    const docs = await checkDocuments(t, issuer!.id, input.documentIds);
    const id = uuidv7();
    await insertApplication(t, { id, issuerId: issuer!.id, createdBy: p.userId, ...(fieldsOf(input) as Required<ApplicationFields>) });
    await replaceApplicationDocuments(t, id, docs ?? []);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'asset_application.created', targetType: 'asset_application', targetId: id, metadata: { name: input.name, symbol: input.symbol, assetType: input.assetType } }, meta);
    return fullView(t, (await findApplication(t, id))!);
  });
}

export async function listOwnApplications(tenant: TenantContext, p: Principal) {
  requireAssets(tenant);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await findIssuerByUser(t, p.userId);
    if (!issuer) return { applications: [] };
    const rows = await listApplications(t, { issuerId: issuer.id });
    return { applications: await Promise.all(rows.map(async (a) => applicationView(a, await applicationDocuments(t, a.id)))) };
  });
}

export async function getApplication(tenant: TenantContext, p: Principal, id: string) {
  requireAssets(tenant);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => fullView(t, (await readableApplication(t, p, id)).app));
}

/** The issuer edits while the application is a draft or changes were requested; the row is locked, so two edits never interleave. */
export async function updateOwnApplication(tenant: TenantContext, p: Principal, id: string, input: UpdateApplicationInput, meta: RequestMeta) {
  requireAssets(tenant);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const { app, asIssuer } = await readableApplication(t, p, id, { forUpdate: true });
    if (!asIssuer) throw new Forbidden('Only the issuer edits an application', 'not_your_application');
    if (!EDITABLE.includes(app.status)) throw new Conflict('application_not_editable', `An application that is ${app.status} cannot be edited`);
    await checkChain(t, input.chainId);
    const problems = termsProblems({ supply: input.supply ?? app.supply, maxBalance: input.maxBalance ?? app.max_balance, regulation: input.regulation ?? app.regulation, regSPeriodSeconds: input.regSPeriodSeconds ?? Number(app.reg_s_period_seconds) });
    if (problems.length) throw new ValidationError(problems);
    const docs = await checkDocuments(t, app.issuer_id, input.documentIds);
    const fields = fieldsOf(input);
    if (Object.keys(fields).length && !(await updateApplication(t, id, EDITABLE, fields))) throw new Conflict('concurrent_change', 'The application changed meanwhile; reload and try again');
    if (docs) await replaceApplicationDocuments(t, id, docs);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'asset_application.updated', targetType: 'asset_application', targetId: id, metadata: { fields: Object.keys(input) } }, meta);
    return fullView(t, (await findApplication(t, id))!);
  });
}

/** Submits (or resubmits after requested changes) for review; the issuer profile must be verified. */
export async function submitApplication(tenant: TenantContext, p: Principal, id: string, meta: RequestMeta) {
  requireAssets(tenant);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const { app, asIssuer } = await readableApplication(t, p, id, { forUpdate: true });
    if (!asIssuer) throw new Forbidden('Only the issuer submits an application', 'not_your_application');
    if (!EDITABLE.includes(app.status)) throw new Conflict('invalid_transition', `An application that is ${app.status} cannot be submitted`);
    await requireOwnIssuer(t, p, { verified: true });
    const now = new Date();
    if (!(await updateApplication(t, id, EDITABLE, { status: 'submitted', submitted_at: now, review_reason: null }))) throw new Conflict('concurrent_change', 'The application changed meanwhile; reload and try again');
    await insertApplicationEvent(t, { id: uuidv7(), applicationId: id, action: 'submit', actorId: p.userId, reason: null });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'asset_application.submitted', targetType: 'asset_application', targetId: id, metadata: { from: app.status } }, meta);
    return fullView(t, (await findApplication(t, id))!);
  });
}

export async function reviewQueue(tenant: TenantContext, p: Principal, q: { status?: AssetApplicationStatus }) {
  requireAssets(tenant);
  if (q.status === 'draft') throw new BadRequest('drafts_private', 'Drafts are the issuer’s own until submitted');
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const rows = await listApplications(t, { status: q.status, excludeDrafts: true });
    return { applications: await Promise.all(rows.map(async (a) => applicationView(a, await applicationDocuments(t, a.id)))) };
  });
}

const REVIEW_TO: Record<ReviewApplicationInput['action'], AssetApplicationStatus> = { request_changes: 'changes_requested', approve: 'approved', reject: 'rejected' };

/** A reviewer's decision on a submitted application. Approval creates the asset (status issuing) in the same transaction. */
export async function reviewApplication(tenant: TenantContext, p: Principal, id: string, input: ReviewApplicationInput, meta: RequestMeta) {
  requireAssets(tenant);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const { app } = await readableApplication(t, p, id, { forUpdate: true });
    if (!hasRole(p, REVIEWER_ROLES)) throw new NotFound('Application not found');
    if (app.created_by === p.userId) throw new Forbidden('Nobody reviews an application they created', 'four_eyes');
    if (app.status !== 'submitted') throw new Conflict('invalid_transition', `An application that is ${app.status} cannot be reviewed`);
    const now = new Date();
    const to = REVIEW_TO[input.action];
    if (!(await updateApplication(t, id, ['submitted'], { status: to, review_reason: input.reason ?? null, reviewed_by: p.userId, reviewed_at: now })))
      throw new Conflict('concurrent_change', 'The application changed meanwhile; reload and try again');
    await insertApplicationEvent(t, { id: uuidv7(), applicationId: id, action: input.action, actorId: p.userId, reason: input.reason ?? null });
    let assetId: string | null = null;
    if (input.action === 'approve') {
      assetId = uuidv7();
      await insertAsset(t, app, assetId, p.userId);
    }
    await audit(t, { actorId: p.userId, actorRole: p.role, action: `asset_application.${input.action}`, targetType: 'asset_application', targetId: id, metadata: { from: app.status, to, reason: input.reason ?? null, assetId } }, meta);
    return fullView(t, (await findApplication(t, id))!);
  });
}

/** Every asset of the tenant, issuing or issued (admins). */
export async function adminAssets(tenant: TenantContext, p: Principal) {
  requireAssets(tenant);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => ({ assets: (await listAssets(t, { issuedOnly: false })).map(assetView) }));
}

/** Members see issued assets; an issuer also sees their own while they are issuing. */
export async function memberAssets(tenant: TenantContext, p: Principal) {
  requireAssets(tenant);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issued = await listAssets(t, { issuedOnly: true });
    const issuer = await findIssuerByUser(t, p.userId);
    const own = issuer ? (await listAssets(t, { issuedOnly: false, issuerId: issuer.id })).filter((a) => a.status !== 'issued') : [];
    return { assets: [...own, ...issued].map(assetView) };
  });
}

export async function assetDetail(tenant: TenantContext, p: Principal, id: string) {
  requireAssets(tenant);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const asset = await findAsset(t, id);
    const issuer = await findIssuerByUser(t, p.userId);
    const isIssuer = !!asset && !!issuer && issuer.id === asset.issuer_id;
    if (!asset || (asset.status !== 'issued' && !isIssuer && !hasRole(p, REVIEWER_ROLES))) throw new NotFound('Asset not found');
    const app = (await findApplication(t, asset.application_id))!;
    const seesHolders = isIssuer || hasRole(p, HOLDER_VIEWERS);
    const [docs, updates, txs, holders] = await Promise.all([
      applicationDocuments(t, app.id),
      listAssetUpdates(t, asset.id),
      listAssetTransactions(t, asset.id, 200),
      seesHolders ? assetHolders(t, asset.id) : Promise.resolve(null),
    ]);
    return {
      asset: assetView(asset),
      terms: {
        description: app.description,
        supply: app.supply,
        decimals: app.decimals,
        jurisdiction: app.jurisdiction,
        regulation: app.regulation,
        restrictions: applicationView(app, []).restrictions,
      },
      documents: docs.map(docView),
      updates: updates.map(updateView),
      transactions: txs.map(transactionView),
      holders,
      canPostUpdates: isIssuer,
    };
  });
}

/** The asset's issuer posts news or a new valuation (which becomes the asset's current one). */
export async function postAssetUpdate(tenant: TenantContext, p: Principal, id: string, input: PostUpdateInput, meta: RequestMeta) {
  requireAssets(tenant);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const asset = await findAsset(t, id);
    const issuer = await findIssuerByUser(t, p.userId);
    if (!asset || !issuer || issuer.id !== asset.issuer_id) throw new NotFound('Asset not found');
    const updateId = uuidv7();
    const valuation = input.valuation !== undefined ? BigInt(input.valuation) : null;
    await insertAssetUpdate(t, { id: updateId, assetId: id, kind: input.kind, title: input.title, body: input.body, valuation, postedBy: p.userId });
    if (valuation !== null) await setAssetValuation(t, id, valuation);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'asset.update_posted', targetType: 'asset', targetId: id, metadata: { updateId, kind: input.kind, valuation: input.valuation ?? null } }, meta);
    const [u] = (await listAssetUpdates(t, id)).filter((x) => x.id === updateId);
    return { update: updateView(u!) };
  });
}
