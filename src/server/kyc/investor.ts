import { audit, type RequestMeta } from '../audit/service';
import { heldVerificationLevels } from '../auth/verification-levels';
import type { Principal } from '../auth/principal';
import type { Config } from '../config';
import { withTenant } from '../db/tenant';
import type { KycApplicationStatus, KycDocumentKind } from '../db/types';
import { BadRequest, Conflict, NotFound } from '../errors';
import { uuidv7 } from '../ids';
import type { TenantContext } from '../tenancy/resolve';
import { kycFileStore } from './document-store';
import { providerFor } from './providers';
import { mapShuftiStatus } from './providers/shuftipro';
import {
  findApplication,
  findKycProfile,
  findOpenApplication,
  insertApplication,
  insertDocument,
  listDocuments,
  listUserApplications,
  type ApplicationRow,
} from './repo';
import type { StartApplicationInput } from './schema';
import { transitionApplication } from './transition';
import { applicationView, documentView } from './views';

const MAX_DOCUMENTS_PER_APPLICATION = 20;
const UPLOADABLE: KycApplicationStatus[] = ['draft', 'submitted', 'pending', 'retry'];

type KycSettings = { sumsubLevelName?: unknown; sumsubEnhancedLevelName?: unknown } | undefined;

export function sumsubLevelName(tenant: Pick<TenantContext, 'settings'>): string {
  const kyc = tenant.settings.kyc as KycSettings;
  return typeof kyc?.sumsubLevelName === 'string' && kyc.sumsubLevelName ? kyc.sumsubLevelName : 'basic-kyc-level';
}

/**
 * settings.kyc.sumsubEnhancedLevelName: the tenant's Sumsub level whose steps are identity,
 * selfie/liveness, proof of address and AML screening. A GREEN review of that level is the
 * provider's evidence for 'enhanced'; null when the tenant has none.
 */
export function sumsubEnhancedLevelName(tenant: Pick<TenantContext, 'settings'>): string | null {
  const kyc = tenant.settings.kyc as KycSettings;
  return typeof kyc?.sumsubEnhancedLevelName === 'string' && kyc.sumsubEnhancedLevelName ? kyc.sumsubEnhancedLevelName : null;
}

export async function getOwnKyc(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const profile = await findKycProfile(t, p.userId);
    const apps = await listUserApplications(t, p.userId);
    const docs = await listDocuments(t, apps.map((a) => a.id));
    return {
      provider: tenant.kycProvider,
      kycStatus: profile?.kyc_status ?? 'not_started',
      verificationLevel: profile?.verification_level ?? 'none',
      // ShuftiPro: an open application's hosted page, for the investor alone (never in reviewers' views).
      applications: apps.map((a) => ({ ...applicationView(a, docs), verificationUrl: a.provider === 'shuftipro' && OPEN_STATUSES.includes(a.status) ? a.verification_url : null })),
    };
  });
}

const OPEN_STATUSES: KycApplicationStatus[] = ['draft', 'submitted', 'pending', 'retry'];

type StartResult = { created: boolean; application: ReturnType<typeof applicationView>; sdk?: { provider: 'sumsub'; accessToken: string; levelName: string }; verificationUrl?: string | null };

/**
 * Starts verification with the tenant's provider, or returns the open application (a
 * manual one waiting for a retry is resubmitted). Provider calls run outside any database
 * transaction; the application row is written once the provider has answered.
 */
export async function startApplication(tenant: TenantContext, p: Principal, input: StartApplicationInput, meta: RequestMeta, config: Config, callbackUrl: string, returnUrl?: string): Promise<StartResult> {
  const actor = { userId: p.userId };
  const { open, provider } = await withTenant(tenant.id, actor, async (t) => {
    const profile = await findKycProfile(t, p.userId);
    if (profile?.kyc_status === 'approved') {
      if (input.level === 'standard') throw new Conflict('kyc_already_approved', 'Your identity is already verified');
      if ((await heldVerificationLevels(t, p.userId)).includes('enhanced')) throw new Conflict('kyc_level_already_held', 'You already hold the enhanced verification level');
    }
    let open = await findOpenApplication(t, p.userId);
    if (open?.provider === 'manual' && open.status === 'retry') {
      await transitionApplication(t, open, 'submitted', { reason: null, reviewedBy: null, final: false, lastEventAt: null, evidence: {} });
      await audit(t, { actorId: p.userId, actorRole: p.role, action: 'kyc.application_resubmitted', targetType: 'kyc_application', targetId: open.id }, meta);
      open = await findApplication(t, open.id);
    }
    return { open, provider: await providerFor(t, config, open?.provider ?? tenant.kycProvider) };
  });

  const enhancedLevel = sumsubEnhancedLevelName(tenant);
  const levelFor = (level: string) => (level === 'enhanced' ? enhancedLevel : sumsubLevelName(tenant));
  if (provider.name === 'sumsub' && input.level === 'enhanced' && !enhancedLevel && !open)
    throw new Conflict('enhanced_level_not_configured', 'Enhanced verification with Sumsub needs the tenant’s Sumsub level for it (settings.kyc.sumsubEnhancedLevelName)');
  if (open) {
    const docs = await withTenant(tenant.id, actor, (t) => listDocuments(t, [open.id]));
    const result: StartResult = { created: false, application: applicationView(open, docs) };
    // ShuftiPro: the hosted page of the open application, to continue where the investor left.
    if (open.provider === 'shuftipro' && open.verification_url) result.verificationUrl = open.verification_url;
    const levelName = levelFor(open.level_requested) ?? sumsubLevelName(tenant);
    if (provider.accessToken) result.sdk = { provider: 'sumsub', accessToken: (await provider.accessToken({ reference: open.external_reference, levelName })).token, levelName };
    return result;
  }

  const id = uuidv7();
  let externalApplicantId = id;
  let status: KycApplicationStatus = 'submitted';
  const result: Omit<StartResult, 'application'> = { created: true };
  const levelName = levelFor(input.level) ?? sumsubLevelName(tenant);
  if (provider.name === 'sumsub') {
    externalApplicantId = (await provider.createApplicant({ reference: id, levelName, email: p.email })).applicantId;
    result.sdk = { provider: 'sumsub', accessToken: (await provider.accessToken!({ reference: id, levelName })).token, levelName };
  } else if (provider.name === 'shuftipro') {
    const r = await provider.requestVerification!({ reference: id, email: p.email, callbackUrl, proofOfAddress: input.level === 'enhanced', redirectUrl: returnUrl });
    result.verificationUrl = r.verificationUrl;
    status = mapShuftiStatus(r.event) === 'pending' ? 'pending' : 'submitted';
  }

  const application = await withTenant(tenant.id, actor, async (t) => {
    let app: ApplicationRow;
    try {
      app = await insertApplication(t, { id, userId: p.userId, provider: provider.name, externalApplicantId, externalReference: id, level: input.level, status: 'draft', verificationUrl: result.verificationUrl ?? null });
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new Conflict('kyc_application_open', 'You already have an open verification; reload and continue it');
      throw e;
    }
    await transitionApplication(t, app, status, { reason: null, reviewedBy: null, final: false, lastEventAt: null, evidence: {} });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'kyc.application_started', targetType: 'kyc_application', targetId: id, metadata: { provider: provider.name, level: input.level } }, meta);
    return (await findApplication(t, id))!;
  });
  return { ...result, application: applicationView(application) };
}

/** Manual review: the investor uploads a document to their own open application. */
export async function uploadDocument(tenant: TenantContext, p: Principal, applicationId: string, kind: KycDocumentKind, bytes: Uint8Array, meta: RequestMeta, config: Config) {
  const actor = { userId: p.userId };
  const check = (app: ApplicationRow | undefined): ApplicationRow => {
    // Someone else's application answers 404, as a missing one does.
    if (!app || app.user_id !== p.userId) throw new NotFound('Application not found');
    if (app.provider !== 'manual') throw new Conflict('documents_collected_by_provider', `Documents for this application are collected by ${app.provider}`);
    if (!UPLOADABLE.includes(app.status)) throw new Conflict('application_closed', `The application is ${app.status}; documents can no longer be added`);
    return app;
  };
  check(await withTenant(tenant.id, actor, (t) => findApplication(t, applicationId)));
  if (bytes.length === 0) throw new BadRequest('empty_body', 'Send the file as the request body');
  const stored = await (await kycFileStore(config, { tenantId: tenant.id, userId: p.userId })).store.put(bytes, { purpose: 'kyc' });

  return withTenant(tenant.id, actor, async (t) => {
    const app = check(await findApplication(t, applicationId, { lock: true }));
    if ((await listDocuments(t, [app.id])).length >= MAX_DOCUMENTS_PER_APPLICATION)
      throw new Conflict('too_many_documents', `An application holds at most ${MAX_DOCUMENTS_PER_APPLICATION} documents`);
    const doc = await insertDocument(t, { applicationId: app.id, kind, cid: stored.cid, mime: stored.mime, size: bytes.length, encrypted: stored.encrypted === true });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'kyc.document_uploaded', targetType: 'kyc_application', targetId: app.id, metadata: { documentId: doc.id, kind, mime: stored.mime, size: bytes.length } }, meta);
    return documentView({ ...doc, application_id: app.id });
  });
}
