import { z } from 'zod';
import { createApplicationInput, listApplicationsQuery, postUpdateInput, reviewApplicationInput, updateApplicationInput } from './schema';

// The asset tokenization routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
// Response schemas come from the handlers' types (responses.generated.ts).
const id = z.object({ id: z.string().uuid() });
const GATE = 'asset tokenization is off for this tenant (feature `assetTokenization`): code `feature_disabled`';
const REVIEWERS = ['tenant_admin', 'compliance_officer'];

export const assetOps = [
  { tag: 'assets', method: 'get', path: '/api/issuer/assets/applications', summary: 'The caller’s own tokenization applications', auth: ['issuer'], forbidden: GATE },
  {
    tag: 'assets',
    method: 'post',
    path: '/api/issuer/assets/applications',
    summary: 'Apply to tokenize an asset (saved as a draft): type, description, valuation (minor units + currency), supply and decimals, jurisdiction, regulation, chain, treasury wallet, transfer restrictions, and the issuer’s own documents',
    auth: ['issuer'],
    body: createApplicationInput,
    status: 201,
    forbidden: `${GATE}; or the caller has no issuer profile: code \`issuer_profile_required\``,
  },
  { tag: 'assets', method: 'get', path: '/api/issuer/assets/applications/{id}', summary: 'An application with its documents, review history and (once approved) its asset', auth: ['issuer'], params: id, forbidden: GATE },
  {
    tag: 'assets',
    method: 'patch',
    path: '/api/issuer/assets/applications/{id}',
    summary: 'Edit an application while it is a draft or changes were requested',
    auth: ['issuer'],
    params: id,
    body: updateApplicationInput,
    forbidden: GATE,
    conflict: 'the application is submitted, approved or rejected (`application_not_editable`), or changed meanwhile (`concurrent_change`)',
  },
  {
    tag: 'assets',
    method: 'post',
    path: '/api/issuer/assets/applications/{id}/submit',
    summary: 'Submit a draft for review, or resubmit after requested changes (the issuer profile must be verified)',
    auth: ['issuer'],
    params: id,
    forbidden: `${GATE}; or the issuer profile is not verified: code \`issuer_not_verified\``,
    conflict: 'the application is not a draft or awaiting changes: code `invalid_transition`',
  },
  {
    tag: 'assets',
    method: 'post',
    path: '/api/issuer/assets/{id}/updates',
    summary: 'Post an update on an asset (news, or a new valuation that becomes the asset’s); its issuer only',
    auth: ['issuer'],
    params: id,
    body: postUpdateInput,
    status: 201,
    forbidden: GATE,
  },
  { tag: 'assets', method: 'get', path: '/api/admin/applications', summary: 'The tokenization applications queue (submitted and decided; drafts stay private)', auth: REVIEWERS, query: listApplicationsQuery, forbidden: GATE },
  { tag: 'assets', method: 'get', path: '/api/admin/applications/{id}', summary: 'An application with its documents and review history', auth: REVIEWERS, params: id, forbidden: GATE },
  {
    tag: 'assets',
    method: 'post',
    path: '/api/admin/applications/{id}',
    summary: 'Review a submitted application: request changes or reject (reason required, the issuer reads it), or approve, which creates the asset and queues the deployment of its permissioned token',
    auth: REVIEWERS,
    params: id,
    body: reviewApplicationInput,
    forbidden: `${GATE}; or the reviewer created the application: code \`four_eyes\``,
    conflict: 'the application is not submitted (`invalid_transition`) or changed meanwhile (`concurrent_change`)',
  },
  { tag: 'assets', method: 'get', path: '/api/admin/assets', summary: 'Every asset of the tenant, issuing or issued, with its token and identity registry addresses', auth: REVIEWERS, forbidden: GATE },
  { tag: 'assets', method: 'get', path: '/api/assets', summary: 'Issued assets (an issuer also sees their own still issuing)', auth: 'user', forbidden: GATE },
  {
    tag: 'assets',
    method: 'get',
    path: '/api/assets/{id}',
    summary: 'An asset: overview, terms and transfer restrictions, documents, the issuer’s updates, token movements (from the indexer); holders only for its issuer, transfer agents, compliance officers and admins (null otherwise)',
    auth: 'user',
    params: id,
    forbidden: GATE,
  },
] as const;
