import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig, resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { ownerDatabaseUrl } from '../../src/server/db/urls';
import { call, type CallResult } from '../helpers/api';
import { octet, pdf, png, seedTenant, type Actor, type SeededTenant } from './support/seed-tenant';

// The outside attack run's first class, replayed on every route handler: signed in on
// tenant A's host (as its admin, investor and issuer), every exported method of every
// route under src/app/api is called with tenant B's ids, and the other way round. No
// answer may carry B's data, B's rows must be byte for byte what they were, and no id
// in a path may be answered with a 2xx except where listed below with the reason.
// The route table is checked against the file system, so a new route that this suite
// cannot drive fails here until someone says how to drive it (or why it takes no ids).

const API_DIR = path.resolve(import.meta.dirname, '../../src/app/api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

type Ids = SeededTenant['ids'];
type Drive = {
  /** Path params, taken from the victim tenant (or, in the mixed pass, the first from the attacker). */
  params: (v: SeededTenant) => Record<string, string>;
  /** JSON body per method: valid for the schema, so a refusal comes from the tenant boundary, not validation. */
  bodies?: Partial<Record<Method, (v: SeededTenant) => unknown>>;
  /** Raw upload per method: query string and bytes. */
  uploads?: Partial<Record<Method, { query: string; bytes: () => Uint8Array }>>;
  query?: (v: SeededTenant) => string;
  /** Methods that may answer 2xx with a foreign id, with the reason; the body is still checked for leaks. */
  ok2xx?: Partial<Record<Method, string>>;
};
type Entry = Drive | { skip: string };

const id = (k: keyof Ids) => (v: SeededTenant) => ({ id: v.ids[k] });
const reason = 'cross-tenant probe';

const ROUTES: Record<string, Entry> = {
  'deals/[id]/review-history': { params: id('deal') },
  'admin/issuers/[id]/affiliates': { params: (v) => ({ id: v.issuer.issuerId }), bodies: { POST: () => ({ affiliateIssuerId: '00000000-0000-7000-8000-0000000000aa' }) } },
  'compliance/deals/[id]/form-d-filings': { params: id('deal'), bodies: { POST: () => ({ kind: 'initial', secFileNumber: '021-123456', filedOn: '2026-01-05' }) } },
  'compliance/deals/[id]/summary': { params: id('deal') },
  'issuer/deals/[id]/material-changes': { params: id('deal'), bodies: { POST: () => ({ kinds: ['terms'], description: 'A cross-tenant probe of a material change.' }) } },
  'investments/[id]/reconfirm': { params: id('investment'), bodies: { POST: () => ({ reconfirm: true }) } },
  'compliance/investors/[id]/purchaser-counting': { params: (v) => ({ id: v.investor.id }), bodies: { PUT: () => ({ kind: 'formed_to_invest', nonAccreditedOwners: 2, statement: 'cross-tenant probe' }) } },
  'investor/compliance/purchaser-counting': { skip: 'the caller’s own 501(e) declaration; takes no ids in the path (an email in the body is looked up in the Host’s tenant only)' },
  'compliance/holdings/[id]/stop-transfer': { params: id('investment'), bodies: { POST: () => ({ reason: 'cross-tenant probe of the stop-transfer lift' }) } },
  'issuer/covered-persons': { skip: 'the caller’s own issuer’s covered persons; takes no ids' },
  'issuer/covered-persons/[id]': { params: id('coveredPerson') },
  'issuer/covered-persons/[id]/inquiry': { params: id('coveredPerson'), bodies: { POST: () => ({ inquiryMethod: 'cross-tenant probe of the inquiry' }) } },
  'issuer/covered-persons/[id]/events': { params: id('coveredPerson'), bodies: { POST: () => ({ eventType: 'criminal_conviction', eventDate: '2020-01-01', orderReference: 'probe' }) } },
  'compliance/issuers/[id]/covered-persons': { params: (v) => ({ id: v.issuer.issuerId }) },
  'compliance/covered-person-events/[id]/waiver': { params: id('coveredPersonEvent'), bodies: { POST: () => ({ waiverReference: 'cross-tenant probe' }) } },
  'investor/reconfirmations': { skip: 'the caller’s own commitments awaiting reconfirmation; takes no ids' },
  'deals/[id]/invitations': { params: id('deal'), bodies: { POST: () => ({ email: 'probe@example.com' }) } },
  'investor/deals/[id]/disclosure-502b': { params: id('deal'), bodies: { POST: () => ({ acknowledged: true, packageSha256: '0'.repeat(64) }) } },
  'investor/deals/[id]/purchaser-representative': { params: id('deal'), bodies: { POST: () => ({ name: 'Probe', qualifications: 'Twenty characters of qualifications', materialRelationships: 'none', notIssuerAffiliate: true, acknowledged: true }) } },
  'investor/compliance/reg-cf-allowance': { skip: 'the caller’s own Reg CF allowance; takes no ids' },
  'investor/compliance/reg-cf-education': { skip: 'the caller’s own acknowledgement of the Reg CF materials; takes no ids' },
  'issuer/bad-actor-certification': { skip: 'the caller’s own issuer’s certification; takes no ids' },
  'admin/audit-logs': {
    params: () => ({}),
    query: (v) => `?actorId=${v.investor.id}&targetId=${v.ids.deal}`,
    ok2xx: { GET: 'a filter over the caller tenant’s audit log: foreign ids match nothing, so the list is empty' },
  },
  'admin/audit-logs/csv': {
    params: () => ({}),
    query: (v) => `?actorId=${v.investor.id}&targetId=${v.ids.deal}`,
    ok2xx: { GET: 'the caller tenant’s audit log as CSV, filtered: foreign ids match nothing, so only the header row' },
  },
  'admin/investments': {
    params: () => ({}),
    query: (v) => `?dealId=${v.ids.deal}`,
    ok2xx: { GET: 'a filter over the caller tenant’s investments: a foreign deal id matches nothing, so the list is empty' },
  },
  'admin/compliance-settings': { skip: 'the caller tenant’s settings; takes no ids' },
  'admin/deals': { skip: 'review queue of the caller tenant; takes no ids (status, limit, offset)' },
  'admin/deals/[id]': { params: id('deal'), bodies: { POST: () => ({ action: 'feature' }) } },
  'admin/escrow': { skip: 'lists the caller tenant’s escrows; takes no ids' },
  'staking/pools': { skip: 'lists the caller tenant’s staking pools; takes no ids' },
  'staking/pools/[id]': { params: id('stakingPool') },
  'admin/staking/pools/[id]/fund': { params: id('stakingPool'), bodies: { POST: () => ({ amount: '1' }) } },
  'admin/staking/pools/[id]/pause': { params: id('stakingPool'), bodies: { POST: () => ({ paused: true }) } },
  'staking/pools/[id]/stake-intents': { params: id('stakingPool'), bodies: { POST: () => ({ wallet: `0x${'ab'.repeat(20)}`, amount: '1' }) } },
  feed: { skip: 'the caller tenant’s feed; no id in its path (a cursor naming another tenant’s post finds no row there: an empty page)' },
  'feed/posts': { skip: 'posts for the caller; a dealId in the body is looked up in the Host’s tenant only (tests/api/feed.test.ts)' },
  'feed/posts/[id]': { params: id('feedPost') },
  'feed/posts/[id]/comments': { params: id('feedPost'), bodies: { POST: () => ({ body: 'pwned' }) } },
  'feed/posts/[id]/like': { params: id('feedPost'), bodies: { PUT: () => ({}) } },
  'feed/posts/[id]/shares': { params: id('feedPost'), bodies: { POST: () => ({ body: 'pwned' }) } },
  'feed/posts/[id]/reports': { params: id('feedPost'), bodies: { POST: () => ({ reason: 'cross-tenant probe' }) } },
  'feed/members/[id]': { params: (v) => ({ id: v.investor.id }) },
  'feed/members/[id]/follow': { params: (v) => ({ id: v.investor.id }), bodies: { PUT: () => ({}) } },
  'feed/members/[id]/block': { params: (v) => ({ id: v.investor.id }), bodies: { PUT: () => ({}) } },
  'feed/moderation/reports': { skip: 'the caller tenant’s report queue; takes no ids' },
  'feed/moderation/posts/[id]': { params: id('feedPost'), bodies: { POST: () => ({ action: 'hide', reason: 'cross-tenant probe' }) } },
  'feed/moderation/comments/[id]': { params: id('feedComment'), bodies: { POST: () => ({ action: 'hide', reason: 'cross-tenant probe' }) } },
  'lending/pools': { skip: 'lists the caller tenant’s lending pools; takes no ids' },
  'lending/positions': { skip: 'the caller’s own indexed positions; takes no ids' },
  'lending/disclosure/acknowledge': { skip: 'acknowledges the caller tenant’s own disclosure; takes no ids' },
  'lending/pools/[id]': { params: id('lendingPool') },
  'lending/pools/[id]/calls': { params: id('lendingPool'), bodies: { POST: () => ({ action: 'withdraw', wallet: `0x${'ab'.repeat(20)}`, amount: '1' }) } },
  'admin/lending/pools/[id]/prices': { params: id('lendingPool'), bodies: { POST: () => ({ token: `0x${'ab'.repeat(20)}`, price: '1' }) } },
  'admin/lending/pools': { skip: 'opens a pool for the caller’s tenant on its own factory; takes no ids' },
  'admin/lending/settings': { skip: 'writes the caller tenant’s own disclosure; takes no ids' },
  referrals: { skip: 'the caller’s own referral dashboard; takes no ids' },
  'referrals/links': { skip: 'creates a link for the caller in the caller tenant; takes no ids (the code is new)' },
  'referrals/visit/[code]': { params: (v) => ({ code: v.ids.referralCode }) },
  'admin/referrals': { skip: 'the caller tenant’s referral overview; takes no ids' },
  'admin/referrals/settings': { skip: 'writes the caller tenant’s own referral rule; takes no ids' },
  'admin/referrals/transactions.csv': { skip: 'the caller tenant’s own referral transactions; takes no ids' },
  'admin/referrals/rewards/[id]/approve': { params: id('referralReward'), bodies: { POST: () => ({}) } },
  'issuer/assets/applications': { skip: 'lists or creates the caller’s own tokenization applications (document ids in the body are looked up among the caller’s own issuer documents)' },
  'issuer/assets/applications/[id]': { params: id('assetApplication'), bodies: { PATCH: () => ({ description: 'cross-tenant probe' }) } },
  'issuer/assets/applications/[id]/submit': { params: id('assetApplication'), bodies: { POST: () => ({}) } },
  'issuer/assets/[id]/updates': { params: id('asset'), bodies: { POST: () => ({ kind: 'news', title: 'probe', body: 'cross-tenant probe' }) } },
  'admin/applications': { skip: 'the caller tenant’s applications queue; takes no ids' },
  'admin/applications/[id]': { params: id('assetApplication'), bodies: { POST: () => ({ action: 'approve' }) } },
  'admin/assets': { skip: 'the caller tenant’s assets; takes no ids' },
  'assets': { skip: 'the caller tenant’s issued assets; takes no ids' },
  'assets/[id]': { params: id('asset') },
  'admin/brokers': {
    params: () => ({}),
    bodies: { POST: (v) => ({ userId: v.broker.id, displayName: 'Probe brokerage', licenceNumber: 'PROBE-1', licenceJurisdiction: 'US', commissionBps: 100 }) },
    ok2xx: { GET: 'lists the caller tenant’s brokers; takes no ids' },
  },
  'admin/brokers/[id]': { params: id('broker'), bodies: { PUT: () => ({ displayName: 'Probe brokerage', licenceNumber: 'PROBE-1', licenceJurisdiction: 'US', commissionBps: 9999 }) } },
  'admin/brokers/[id]/clients': { params: id('broker'), bodies: { POST: (v) => ({ investorId: v.investor.id }) } },
  'admin/brokers/[id]/clients/[investorId]': { params: (v) => ({ id: v.ids.broker, investorId: v.investor.id }) },
  broker: { skip: 'the calling broker’s own dashboard; takes no ids' },
  'broker/invitations': { skip: 'an email, looked up in the Host’s tenant only; takes no ids' },
  'broker/invitations/[id]': { params: id('brokerInvitation') },
  'broker/clients/[investorId]': { params: (v) => ({ investorId: v.investor.id }) },
  'broker/statements': { skip: 'the calling broker’s own statement of a month; takes no ids' },
  'broker/statements.csv': { skip: 'the calling broker’s own statement of a month; takes no ids' },
  'broker-relationship': { skip: 'the caller’s own broker, invitations and broker actions; takes no ids' },
  'broker-invitations/[id]/accept': { params: id('brokerInvitation'), bodies: { POST: () => ({}) } },
  'broker-invitations/[id]/decline': { params: id('brokerInvitation'), bodies: { POST: () => ({}) } },
  'admin/transfer-agents': {
    params: () => ({}),
    bodies: { POST: (v) => ({ userId: v.transferAgent.id, displayName: 'Probe registrar', registrationNumber: 'PROBE-1', registrationJurisdiction: 'US' }) },
    ok2xx: { GET: 'lists the caller tenant’s transfer agents; takes no ids' },
  },
  'admin/transfer-agents/[id]': { params: id('transferAgent'), bodies: { PUT: () => ({ displayName: 'Probe registrar', registrationNumber: 'PROBE-1', registrationJurisdiction: 'US' }) } },
  'transfer-agent': { skip: 'the calling transfer agent’s own overview of the Host’s tenant; takes no ids' },
  'transfer-agent/deals/[id]/cap-table': { params: id('deal') },
  'transfer-agent/deals/[id]/cap-table.csv': { params: id('deal') },
  'transfer-agent/deals/[id]/actions': { params: id('deal'), bodies: { POST: (v) => ({ kind: 'freeze', holderId: v.investor.id, reason }) } },
  'transfer-agent/deals/[id]/holders/[holderId]': { params: (v) => ({ id: v.ids.deal, holderId: v.investor.id }) },
  'admin/staking/pools': { skip: 'opens a pool for the caller’s tenant on its own factory; takes no ids' },
  'admin/escrow/unmatched': { skip: 'lists the caller tenant’s unmatched on-chain escrows; takes no ids (chain-indexer-isolation.test.ts)' },
  'admin/escrow/[id]/refund': { params: id('escrow'), bodies: { POST: () => ({ reason }) } },
  'admin/escrow/[id]/reject': { params: id('escrow'), bodies: { POST: () => ({ reason }) } },
  'admin/escrow/[id]/release': { params: id('escrow'), bodies: { POST: () => ({ note: reason }) } },
  'admin/escrow/[id]/extend': { params: id('escrow'), bodies: { POST: () => ({ deadline: new Date(Date.now() + 20 * 86_400_000).toISOString() }) } },
  'admin/escrow/unmatched/[id]/refund': { params: id('unmatchedEscrow'), bodies: { POST: () => ({ reason }) } },
  'admin/chain/transactions': { skip: 'lists the caller tenant’s chain transactions; takes no ids (status, limit)' },
  'admin/chain/transactions/[id]/retry': { params: id('chainTransaction'), bodies: { POST: () => ({}) } },
  'admin/investments/[id]/confirm': { params: id('investment'), bodies: { POST: () => ({ note: reason }) } },
  'admin/investments/[id]/refund': { params: id('investment'), bodies: { POST: () => ({ reason }) } },
  'admin/issuers': { skip: 'lists the caller tenant’s issuers; takes no ids' },
  'admin/issuers/[id]/documents': {
    params: (v) => ({ id: v.issuer.issuerId }),
    ok2xx: { GET: 'answers { documents: [] } for any issuer id it does not hold, so a foreign id reads as unknown (no existence oracle)' },
  },
  'admin/issuers/[id]/review': { params: (v) => ({ id: v.issuer.issuerId }), bodies: { POST: () => ({ decision: 'suspend', reason }) } },
  'admin/kyc-credentials': { skip: 'the caller tenant’s provider credentials; takes no ids' },
  'admin/kyc-credentials/[provider]': { skip: 'the path names a provider (sumsub, shuftipro), not a row; writes only the caller tenant (tests/api/kyc-credentials)' },
  'admin/kyc-settings': { skip: 'the caller tenant’s settings; takes no ids' },
  'admin/screening-lists': { skip: 'the caller tenant’s lists; takes no ids (name, kind)' },
  'admin/stats': { skip: 'the caller tenant’s figures; takes no ids (days)' },
  'admin/tenant': { skip: 'the tenant comes from the Host; a tenantId in the body is checked in tenant-confusion.test.ts' },
  'admin/users': { skip: 'lists the caller tenant’s users; takes no ids (search, role)' },
  'admin/users/[id]/roles': { params: (v) => ({ id: v.investor.id }), bodies: { POST: () => ({ role: 'tenant_admin', action: 'grant' }) } },
  'admin/users/[id]/status': { params: (v) => ({ id: v.investor.id }), bodies: { POST: () => ({ status: 'disabled', reason }) } },
  'admin/users/[id]/sessions': { params: (v) => ({ id: v.investor.id }) },
  'admin/users/[id]/export': { params: (v) => ({ id: v.investor.id }) },
  'admin/users/[id]/erasure': { params: (v) => ({ id: v.investor.id }), bodies: { POST: () => ({ reason }) } },
  'admin/users/[id]/sessions/[sessionId]': { params: (v) => ({ id: v.investor.id, sessionId: v.ids.session }) },
  'auth/login': { skip: 'credentials, no ids (cross-tenant sign-in: tests/api/isolation)' },
  'auth/logout': { skip: 'acts on the caller’s own session; takes no ids' },
  'auth/logout-all': { skip: 'acts on the caller’s own sessions; takes no ids' },
  'auth/mfa/disable': { skip: 'the caller’s own MFA; takes a code, no ids' },
  'auth/mfa/enable': { skip: 'the caller’s own MFA; takes a code, no ids' },
  'auth/mfa/setup': { skip: 'the caller’s own MFA; takes no ids' },
  'auth/mfa/verify': { skip: 'a challenge token signed for one tenant, no ids (jwt-tampering.test.ts)' },
  'auth/password/change': { skip: 'the caller’s own password; takes no ids' },
  'auth/password/forgot': { skip: 'an email, looked up in the Host’s tenant only; takes no ids' },
  'auth/password/reset': { skip: 'an email and a code; takes no ids' },
  'auth/refresh': { skip: 'a refresh token, not an id (cross-tenant refresh: tests/api/isolation)' },
  'auth/register': { skip: 'creates an account in the Host’s tenant; takes no ids' },
  'auth/sessions': { skip: 'lists the caller’s own sessions; takes no ids' },
  'auth/sessions/[id]': { params: id('session') },
  'auth/verify-email': { skip: 'the caller’s own code; takes no ids' },
  'auth/verify-email/resend': { skip: 'the caller’s own email; takes no ids' },
  'platform/auth/login': { skip: 'the operator console (its own host, no tenant): every tenant host answers 404 (tests/api/platform-console)' },
  'platform/auth/mfa': { skip: 'the operator console (its own host, no tenant): every tenant host answers 404 (tests/api/platform-console)' },
  'platform/auth/logout': { skip: 'the operator console (its own host, no tenant): every tenant host answers 404 (tests/api/platform-console)' },
  'platform/auth/me': { skip: 'the operator console (its own host, no tenant): every tenant host answers 404 (tests/api/platform-console)' },
  'platform/tenants': { skip: 'the operator console (its own host, no tenant): every tenant host answers 404 (tests/api/platform-console)' },
  'platform/tenants/[id]': { skip: 'the operator console (its own host, no tenant): every tenant host answers 404 (tests/api/platform-console)' },
  'platform/tenants/[id]/suspend': { skip: 'the operator console (its own host, no tenant): every tenant host answers 404 (tests/api/platform-console)' },
  'platform/tenants/[id]/resume': { skip: 'the operator console (its own host, no tenant): every tenant host answers 404 (tests/api/platform-console)' },
  'platform/audit-logs': { skip: 'the operator console (its own host, no tenant): every tenant host answers 404 (tests/api/platform-console)' },
  'bench/empty': { skip: 'benchmark floor: no tenant, no data, 404 unless ENABLE_BENCH_ROUTES=1' },
  'compliance/accreditations': { skip: 'the caller tenant’s queue; takes no ids (status, limit)' },
  'compliance/accreditations/[id]/decision': { params: id('accreditation'), bodies: { POST: () => ({ decision: 'reject', reason }) } },
  'compliance/checks': {
    params: () => ({}),
    query: (v) => `?dealId=${v.ids.deal}&userId=${v.investor.id}`,
    ok2xx: { GET: 'a filter over the caller tenant’s checks: foreign ids match nothing, so the list is empty' },
  },
  'compliance/kyc/applications': { skip: 'the caller tenant’s queue; takes no ids' },
  'compliance/kyc/applications/[id]': { params: id('kycApplication') },
  'compliance/kyc/applications/[id]/decision': { params: id('kycApplication'), bodies: { POST: () => ({ decision: 'reject', reason }) } },
  'compliance/kyc/applications/[id]/documents/[documentId]': { params: (v) => ({ id: v.ids.kycApplication, documentId: v.ids.kycDocument }) },
  'compliance/reports/deals/[id]': { params: id('deal') },
  'compliance/reports/deals/[id]/csv': { params: id('deal') },
  'compliance/reports/deals/[id]/form-d': { params: id('deal') },
  'compliance/screening/hits': { skip: 'the caller tenant’s queue; takes no ids' },
  'compliance/screening/hits/[id]/decision': { params: id('screeningHit'), bodies: { POST: () => ({ decision: 'confirm', note: reason }) } },
  'compliance/screening/users/[id]/screen': {
    params: (v) => ({ id: v.investor.id }),
    ok2xx: { POST: 'screens the caller tenant’s user with that id: a foreign id is nobody there, so it answers opened 0 (tests/api/screening)' },
  },
  groups: { skip: 'lists the caller tenant’s public groups; takes no ids' },
  'groups/my-groups': { skip: 'the caller’s own memberships; takes no ids' },
  'groups/invitations/accept': { skip: 'takes no ids in the path; a link signed for another tenant is refused (tests/api/groups.test.ts)' },
  'groups/[id]': { params: id('investmentGroup') },
  'groups/[id]/apply': { params: id('investmentGroup'), bodies: { POST: () => ({ answers: [] }) } },
  'groups/[id]/leave': { params: id('investmentGroup'), bodies: { POST: () => ({}) } },
  'groups/[id]/dashboard': { params: id('investmentGroup') },
  'groups/[id]/deals/[dealId]/pre-commitment': { params: (v) => ({ id: v.ids.investmentGroup, dealId: v.ids.deal }), bodies: { PUT: () => ({ amount: '1000' }) } },
  'issuer/groups': { skip: 'the caller’s own issuer’s group; takes no ids' },
  'issuer/groups/dashboard': { skip: 'the caller’s own issuer’s group; takes no ids' },
  'issuer/groups/applications': { skip: 'the caller’s own group’s applications; takes no ids' },
  'issuer/groups/applications/[id]/decision': { params: id('groupApplication'), bodies: { POST: () => ({ decision: 'approve' }) } },
  'issuer/groups/members': { skip: 'the caller’s own group’s members; takes no ids' },
  'issuer/groups/members.csv': { skip: 'the caller’s own group’s members as CSV; takes no ids' },
  'issuer/groups/members/[id]': { params: id('groupMember'), bodies: { DELETE: () => ({ reason }) } },
  'issuer/groups/invitations': { skip: 'creates a link to the caller’s own group; takes no ids' },
  'issuer/groups/invitations/[id]': { params: id('groupInvitation') },
  'issuer/deals/[id]/visibility': { params: id('deal'), bodies: { PUT: () => ({ visibility: 'group' }) } },
  'deal-groups': { skip: 'lists or creates the caller tenant’s groups; takes no ids' },
  'deal-groups/[id]': { params: id('group'), bodies: { PATCH: () => ({ name: 'pwned' }) } },
  'deal-groups/[id]/deals': { params: id('group'), bodies: { POST: (v) => ({ dealId: v.ids.deal }) } },
  'deal-groups/[id]/deals/[dealId]': { params: (v) => ({ id: v.ids.group, dealId: v.ids.deal }) },
  'deals': {
    params: () => ({}),
    query: (v) => `?search=${v.marker}`,
    ok2xx: { GET: 'the caller tenant’s public list: searching for the victim’s deal title must find nothing' },
  },
  'deals/featured': { skip: 'the caller tenant’s featured deals; takes no ids' },
  'deals/[id]': { params: id('deal') },
  'deals/[id]/comments': { params: id('deal'), bodies: { POST: () => ({ body: 'pwned' }) } },
  'deals/[id]/comments/[itemId]': { params: (v) => ({ id: v.ids.deal, itemId: v.ids.comment }) },
  'deals/[id]/documents': { params: id('deal'), uploads: { POST: { query: '?title=pwned&kind=term_sheet&fileName=x.pdf', bytes: () => pdf('pwned') } } },
  'deals/[id]/documents/[itemId]': { params: (v) => ({ id: v.ids.deal, itemId: v.ids.document }), bodies: { PATCH: () => ({ title: 'pwned' }) } },
  'deals/[id]/faqs': { params: id('deal'), bodies: { POST: () => ({ question: 'pwned', answer: 'pwned' }) } },
  'deals/[id]/faqs/[itemId]': { params: (v) => ({ id: v.ids.deal, itemId: v.ids.faq }), bodies: { PATCH: () => ({ answer: 'pwned' }) } },
  'deals/[id]/invest': { params: id('deal'), bodies: { POST: () => ({ amount: '500', paymentMethod: 'wire' }) } },
  'deals/[id]/key-terms': { params: id('deal'), bodies: { POST: () => ({ label: 'pwned', value: 'pwned' }) } },
  'deals/[id]/key-terms/[itemId]': { params: (v) => ({ id: v.ids.deal, itemId: v.ids.keyTerm }), bodies: { PATCH: () => ({ value: 'pwned' }) } },
  'deals/[id]/media': { params: id('deal'), uploads: { POST: { query: '?caption=pwned', bytes: png } } },
  'deals/[id]/media/[itemId]': { params: (v) => ({ id: v.ids.deal, itemId: v.ids.media }), bodies: { PATCH: () => ({ caption: 'pwned' }) } },
  'deals/[id]/required-documents': { params: id('deal'), bodies: { POST: () => ({ name: 'pwned', required: true }) } },
  'deals/[id]/required-documents/[itemId]': { params: (v) => ({ id: v.ids.deal, itemId: v.ids.requiredDocument }), bodies: { PATCH: () => ({ name: 'pwned' }) } },
  'deals/[id]/reviews': { params: id('deal'), bodies: { POST: () => ({ rating: 1, body: 'pwned' }), PUT: () => ({ rating: 1, body: 'pwned' }) } },
  'deals/[id]/transitions': { params: id('deal'), bodies: { POST: () => ({ action: 'cancel', reason }) } },
  'deals/[id]/updates': { params: id('deal'), bodies: { POST: () => ({ title: 'pwned', body: 'pwned' }) } },
  'deals/[id]/updates/[itemId]': { params: (v) => ({ id: v.ids.deal, itemId: v.ids.update }), bodies: { PATCH: () => ({ body: 'pwned' }) } },
  'documents/[id]': { params: id('document') },
  'documents/[id]/access-log': { params: id('document') },
  'documents/[id]/versions': { params: id('document'), uploads: { POST: { query: '?fileName=v2.pdf', bytes: () => pdf('pwned') } } },
  'files/[cid]': { params: (v) => ({ cid: v.ids.mediaCid }) },
  'health': { skip: 'liveness; no tenant data, no ids' },
  'livez': { skip: 'process liveness on any host; no tenant, no data, no ids' },
  'readyz': { skip: 'process readiness on any host (database and migrations); no tenant data, no ids' },
  'investments/[id]/cancel': { params: id('investment'), bodies: { POST: () => ({ reason }) } },
  'investor/accreditation': { skip: 'the caller’s own accreditation; a dealId in the body is probed in "ids in bodies" below' },
  'investor/compliance/declaration': { skip: 'the caller’s own declaration; takes no ids' },
  'investor/kyc': { skip: 'the caller’s own KYC state; takes no ids' },
  'investor/kyc/applications': { skip: 'starts the caller’s own application; takes no ids' },
  'investor/kyc/applications/[id]/documents': { params: id('kycApplication'), uploads: { POST: { query: '?kind=passport', bytes: png } } },
  'investor/portfolio': { skip: 'the caller’s own investments; takes no ids' },
  'investor/suitability': { skip: 'the caller’s own answers; takes no ids' },
  'issuer/deals': { skip: 'lists or creates the caller’s own deals; takes no ids' },
  'issuer/deals/[id]': { params: id('deal'), bodies: { PATCH: () => ({ title: 'pwned' }) } },
  'issuer/deals/[id]/cap-table.csv': { params: id('deal') },
  'issuer/deals/[id]/investors': { params: id('deal') },
  'issuer/documents': { skip: 'lists or uploads the caller’s own issuer documents; takes no ids' },
  'investor/documents': { skip: 'lists or uploads the caller’s own documents; takes no ids' },
  'profile/export': { skip: 'the caller’s own data; takes no ids' },
  'profile/erasure': { skip: 'the caller’s own erasure; takes no ids' },
  'profile/settings': { skip: 'the caller’s own profile (as /api/profile); takes no ids' },
  'profile/wallet': { skip: 'the caller’s own wallets (as /api/wallet/link); takes an address, not a row id' },
  'profile/verification': { skip: 'the caller’s own KYC status (as /api/investor/kyc); takes no ids' },
  'issuer/profile': { skip: 'the caller’s own issuer profile; takes no ids' },
  'openapi.json': { skip: 'static API description; no tenant data' },
  'profile': { skip: 'the caller’s own profile; takes no ids' },
  'notifications': { skip: 'the caller’s own notifications; a cursor of another tenant is refused (notifications-inbox.test.ts)' },
  'notifications/stream': { skip: 'the caller’s own live stream; takes no ids (notifications-inbox.test.ts: right user only)' },
  'notifications/read': { skip: 'marks the caller’s own notifications; other ids in the body are ignored (notifications-inbox.test.ts)' },
  'notifications/read-all': { skip: 'the caller’s own notifications; takes no ids' },
  'notifications/preferences': { skip: 'the caller’s own preferences; takes no ids' },
  'notifications/language': { skip: 'the caller’s own email language; takes no ids (email-language.test.ts)' },
  'notifications/unsubscribe': { skip: 'a signed token bound to its tenant; refused on another host (notifications-inbox.test.ts)' },
  'admin/webhooks': { skip: 'lists or creates the caller tenant’s endpoints; takes no ids' },
  'admin/webhooks/[id]': { params: id('webhookEndpoint') },
  'admin/webhooks/[id]/test': { params: id('webhookEndpoint'), bodies: { POST: () => ({}) } },
  'admin/webhooks/[id]/deliveries': { params: id('webhookEndpoint') },
  'admin/notification-defaults': { skip: 'the caller tenant’s defaults; takes no ids' },
  'admin/email-settings': { skip: 'the caller tenant’s email settings; takes no ids (email-language.test.ts: another tenant’s admin is refused)' },
  'newsletter/subscribe': { skip: 'subscribes an address to the Host’s tenant; takes no ids' },
  'newsletter/confirm': { skip: 'a signed token bound to its tenant (the key is derived per tenant); refused on another host (newsletter.test.ts)' },
  'newsletter/unsubscribe': { skip: 'a signed token bound to its tenant (the key is derived per tenant); refused on another host (newsletter.test.ts)' },
  'newsletter/subscription': { skip: 'the caller’s own address; takes no ids' },
  'admin/newsletter/campaigns': { skip: 'lists or writes the caller tenant’s campaigns; a group id in the body is checked in newsletter.test.ts' },
  'admin/newsletter/preview': { skip: 'draws the caller tenant’s mail; takes no ids' },
  'admin/newsletter/campaigns/[id]': { params: id('newsletterCampaign'), bodies: { PATCH: () => ({ subject: 'pwned' }) } },
  'admin/newsletter/campaigns/[id]/send': { params: id('newsletterCampaign'), bodies: { POST: () => ({}) } },
  'admin/newsletter/campaigns/[id]/unschedule': { params: id('newsletterCampaign'), bodies: { POST: () => ({}) } },
  'wallet/link': { skip: 'the caller’s own wallet; takes a signed message, no ids' },
  'wallet/nonce': { skip: 'the caller’s own nonce; takes no ids' },
  'webhooks/kyc/[provider]': { skip: 'the path names a provider; authenticated by its signature only (kyc-webhooks.test.ts)' },
  'notifications/telegram': { skip: 'the caller’s own Telegram link; takes no ids' },
  'notifications/telegram/link-code': { skip: 'a code for the caller’s own account, usable only with the Host’s tenant bot; takes no ids (telegram.test.ts)' },
  'admin/telegram': { skip: 'the caller tenant’s own bot; takes no ids' },
  // The path is derived from the Host tenant's bot token; another tenant's path is a 404 (telegram.test.ts drives it with real bots).
  'webhooks/telegram/[secret]': { params: (v) => ({ secret: v.ids.deal.replace(/-/g, '').slice(0, 32) }), bodies: { POST: () => ({ update_id: 1, message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' }, text: '/start probe-code-0000000000' } }) } },
  'webhooks/email/resend': { skip: 'authenticated by its signature only; looks up email ids in the host’s tenant only (resend-webhooks.test.ts)' },
  'webhooks/blockchain': { skip: 'platform-level node provider notifications; authenticated by its signature only, writes no tenant row itself (chain-webhook.test.ts)' },
};

function routeDirs(): string[] {
  return (readdirSync(API_DIR, { recursive: true }) as string[])
    .filter((f) => path.basename(f) === 'route.ts')
    .map((f) => path.dirname(f).split(path.sep).join('/'))
    .sort();
}

type Loaded = { key: string; method: Method; handler: Handler; drive: Drive };
let loaded: Loaded[] = [];
let a: SeededTenant;
let b: SeededTenant;
let owner: pg.Client;

/** Every tenant table's rows of one tenant, hashed per table, read as the owner inside that tenant. */
async function snapshot(tenantId: string): Promise<Record<string, string>> {
  const { rows: tables } = await owner.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') order by 1`,
  );
  await owner.query('begin');
  try {
    await owner.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await owner.query(`select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${pg.escapeIdentifier(name)} x where tenant_id = $1`, [tenantId]);
      out[name] = `${rows[0].n}:${rows[0].h}`;
    }
    return out;
  } finally {
    await owner.query('rollback');
  }
}

/** Strings that belong to the victim and must never appear in an answer to the attacker. */
function secretsOf(v: SeededTenant, sent: string[]): string[] {
  const all = [v.marker, v.id, v.admin.email, v.investor.email, v.issuer.email, v.admin.id, v.issuer.id, v.issuer.issuerId, v.investor.id, ...Object.values(v.ids)];
  return all.filter((s) => !sent.includes(s));
}

async function drive(l: Loaded, host: string, actor: Actor, v: SeededTenant, paramsOverride?: Record<string, string>): Promise<{ res: CallResult; text: string; sent: string[] }> {
  const params = paramsOverride ?? l.drive.params(v);
  const body = l.drive.bodies?.[l.method]?.(v);
  const upload = l.drive.uploads?.[l.method];
  const query = upload?.query ?? l.drive.query?.(v) ?? '';
  let p = `/api/${l.key}`;
  for (const [k, val] of Object.entries(params)) p = p.replace(`[${k}]`, val);
  const res = await call(l.handler, {
    host,
    path: p + query,
    method: l.method,
    token: actor.token,
    params,
    ...(upload ? { rawBody: upload.bytes(), headers: octet } : body !== undefined ? { body } : {}),
  });
  const text = typeof res.json === 'string' ? res.json : JSON.stringify(res.json);
  const sent = [...Object.values(params), ...(query.match(/[0-9a-f-]{36}/g) ?? []), ...JSON.stringify(body ?? '').match(/[0-9a-f-]{36}/g) ?? []];
  return { res, text, sent };
}

type Outcome = { route: string; actor: string; status: number; code?: string; leak?: string };

async function attack(attacker: SeededTenant, victim: SeededTenant, mixed = false): Promise<Outcome[]> {
  const out: Outcome[] = [];
  const actors: [string, Actor][] = [
    ['tenant_admin', attacker.admin],
    ['investor', attacker.investor],
    ['issuer', attacker.issuer],
  ];
  // The broker and transfer agent probe the routes of their own roles (where a role check alone would not refuse them).
  const roleActors: [string, Actor][] = [
    ['broker', attacker.broker],
    ['transfer_agent', attacker.transferAgent],
  ];
  for (const l of loaded) {
    const params = l.drive.params(victim);
    const keys = Object.keys(params);
    // Mixed pass: the first id is the attacker's own (a deal, group or application they may act on), the rest the victim's.
    if (mixed && keys.length < 2) continue;
    const override = mixed ? { ...params, [keys[0]!]: l.drive.params(attacker)[keys[0]!]! } : undefined;
    for (const [name, actor] of /^(broker|transfer-agent)/.test(l.key) ? [...actors, ...roleActors] : actors) {
      const { res, text, sent } = await drive(l, attacker.host, actor, victim, override);
      const leak = secretsOf(victim, sent).find((s) => text.includes(s));
      out.push({ route: `${l.method} /api/${l.key}`, actor: name, status: res.status, code: res.json?.code, ...(leak ? { leak } : {}) });
    }
  }
  return out;
}

function judge(outcomes: Outcome[]): string[] {
  const bad: string[] = [];
  for (const o of outcomes) {
    const [method, p] = o.route.split(' ') as [Method, string];
    const allowed = (ROUTES[p!.slice('/api/'.length)] as Drive).ok2xx?.[method];
    if (o.leak) bad.push(`${o.route} as ${o.actor}: ${o.status} leaks ${o.leak}`);
    if (o.status >= 500) bad.push(`${o.route} as ${o.actor}: ${o.status} ${o.code}`);
    // A redirect is an answer too (a followed referral link is a 302).
    if (o.status >= 200 && o.status < 400 && !allowed) bad.push(`${o.route} as ${o.actor}: ${o.status} on a foreign id`);
    // A 400 here means the probe's own body is wrong, so the boundary was never reached: fix the table.
    if (o.status === 400 && o.code === 'validation_failed') bad.push(`${o.route} as ${o.actor}: the probe body did not validate`);
  }
  return bad;
}

beforeAll(async () => {
  process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString('base64url');
  resetConfigCache();
  owner = new pg.Client({ connectionString: ownerDatabaseUrl(getConfig()) });
  await owner.connect();
  [a, b] = await Promise.all([seedTenant(), seedTenant()]);
  for (const key of routeDirs()) {
    const entry = ROUTES[key];
    if (!entry || 'skip' in entry) continue;
    const mod = (await import(path.join(API_DIR, key, 'route.ts'))) as Partial<Record<Method, Handler>>;
    for (const method of METHODS) if (typeof mod[method] === 'function') loaded.push({ key, method, handler: mod[method]!, drive: entry });
  }
}, 120_000);

afterAll(async () => {
  await owner?.end();
  await closePools();
});

describe('the route table', () => {
  it('names every route handler on disk, and nothing that is not there', () => {
    const onDisk = routeDirs();
    expect(onDisk.length).toBeGreaterThan(90);
    expect(onDisk.filter((k) => !(k in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !onDisk.includes(k))).toEqual([]);
  });

  it('drives every route whose path takes an id, with a body or upload for every writing method it exports', async () => {
    const undriven: string[] = [];
    for (const key of routeDirs()) {
      const entry = ROUTES[key]!;
      if ('skip' in entry) {
        // The console's routes (platform/**) serve no tenant host at all: tests/api/platform-console.
        if (key.includes('[') && !/\[provider\]/.test(key) && !key.startsWith('platform/')) undriven.push(`${key}: skipped but its path takes an id`);
        continue;
      }
      const mod = (await import(path.join(API_DIR, key, 'route.ts'))) as Record<string, unknown>;
      const methods = METHODS.filter((m) => typeof mod[m] === 'function');
      if (methods.length === 0) undriven.push(`${key}: exports no method handler`);
      for (const m of methods) if ((m === 'POST' || m === 'PUT' || m === 'PATCH') && !entry.bodies?.[m] && !entry.uploads?.[m] && !['compliance/screening/users/[id]/screen'].includes(key)) undriven.push(`${m} ${key}: no probe body`);
    }
    expect(undriven).toEqual([]);
    expect(loaded.length).toBeGreaterThan(60);
  });
});

describe('tenant B’s ids on tenant A’s host, and A’s on B’s', () => {
  it.each([
    ['A attacks B', () => [a, b] as const],
    ['B attacks A', () => [b, a] as const],
  ])('%s: no answer leaks or changes the victim’s data, and no foreign id gets a 2xx', async (_label, pair) => {
    const [attacker, victim] = pair();
    const before = await snapshot(victim.id);
    const outcomes = [...(await attack(attacker, victim)), ...(await attack(attacker, victim, true))];
    if (process.env.SECURITY_DEBUG) console.log(JSON.stringify(outcomes.map((o) => `${o.status} ${o.code} ${o.actor} ${o.route}`), null, 1));
    expect(judge(outcomes)).toEqual([]);
    // The attacker's roles were enough to be refused by the boundary, not only by role checks.
    expect(outcomes.filter((o) => o.status === 404).length).toBeGreaterThan(60);
    expect(await snapshot(victim.id)).toEqual(before);
  }, 120_000);

  it('control: the same GET probes with a tenant’s own ids on its own host answer 2xx to at least one of its actors', async () => {
    // Proves the driver builds requests that work, so the 404s above come from the boundary.
    const refused: string[] = [];
    const showsMarker = new Set<string>();
    for (const l of loaded.filter((x) => x.method === 'GET')) {
      let ok = false;
      for (const actor of [a.admin, a.issuer, a.investor, ...(/^(broker|transfer-agent)/.test(l.key) ? [a.broker, a.transferAgent] : [])]) {
        const { res, text } = await drive(l, a.host, actor, a);
        if (res.status < 400) ok = true; // 3xx: a followed referral link redirects
        if (text.includes(a.marker)) showsMarker.add(l.key);
      }
      if (!ok) refused.push(l.key);
    }
    expect(refused).toEqual([]);
    // ...and that the leak detector would see a tenant's data in those answers.
    expect([...showsMarker]).toEqual(expect.arrayContaining(['deals/[id]', 'deals/[id]/faqs', 'deals/[id]/comments', 'deal-groups/[id]', 'documents/[id]', 'deals']));
  });

  it('the victim still sees its own rows through its own API afterwards', async () => {
    const { GET: getDeal } = await import('../../src/app/api/deals/[id]/route');
    for (const v of [a, b]) {
      const r = await call(getDeal, { host: v.host, token: v.investor.token, params: { id: v.ids.deal } });
      expect(r.status).toBe(200);
      expect(r.json.title ?? r.json.deal?.title).toBe(`${v.marker} deal`);
    }
  });
});

describe('ids in bodies and queries', () => {
  it('an accreditation naming another tenant’s deal is refused or stored without touching that deal', async () => {
    const { POST: submit } = await import('../../src/app/api/investor/accreditation/route');
    const before = await snapshot(b.id);
    const r = await call(submit, {
      host: a.host,
      token: a.investor.token,
      body: { method: 'minimum_investment_representation', dealId: b.ids.deal, accredited: true, noThirdPartyFinancing: true, statement: 'I represent that I am accredited.' },
    });
    expect(r.status).toBeLessThan(500);
    expect(JSON.stringify(r.json)).not.toContain(b.marker);
    expect(await snapshot(b.id)).toEqual(before);
  });

  it('a comment on A’s deal cannot reply to B’s comment (parentId from another tenant)', async () => {
    const { POST: postComment } = await import('../../src/app/api/deals/[id]/comments/route');
    const r = await call(postComment, { host: a.host, token: a.investor.token, params: { id: a.ids.deal }, body: { body: 'reply', parentId: b.ids.comment } });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
  });
});
