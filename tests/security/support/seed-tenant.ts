import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { POST as uploadList } from '../../../src/app/api/admin/screening-lists/route';
import { GET as listSessions } from '../../../src/app/api/auth/sessions/route';
import { POST as screenUser } from '../../../src/app/api/compliance/screening/users/[id]/screen/route';
import { POST as addGroupDeal } from '../../../src/app/api/deal-groups/[id]/deals/route';
import { POST as createGroup } from '../../../src/app/api/deal-groups/route';
import { POST as postComment } from '../../../src/app/api/deals/[id]/comments/route';
import { POST as uploadDealDoc } from '../../../src/app/api/deals/[id]/documents/route';
import { POST as addFaq } from '../../../src/app/api/deals/[id]/faqs/route';
import { POST as invest } from '../../../src/app/api/deals/[id]/invest/route';
import { POST as addKeyTerm } from '../../../src/app/api/deals/[id]/key-terms/route';
import { POST as uploadMedia } from '../../../src/app/api/deals/[id]/media/route';
import { POST as addRequired } from '../../../src/app/api/deals/[id]/required-documents/route';
import { POST as postUpdate } from '../../../src/app/api/deals/[id]/updates/route';
import { POST as submitAccreditation } from '../../../src/app/api/investor/accreditation/route';
import { POST as uploadKycDoc } from '../../../src/app/api/investor/kyc/applications/[id]/documents/route';
import { POST as startKyc } from '../../../src/app/api/investor/kyc/applications/route';
import { POST as uploadIssuerDoc } from '../../../src/app/api/issuer/documents/route';
import { insertTxOnce, updateTx } from '../../../src/server/chain/tx-manager/repo';
import { withChainSystem } from '../../../src/server/db/platform';
import { POST as addCoveredPerson } from '../../../src/app/api/issuer/covered-persons/route';
import { POST as addDisqualifyingEvent } from '../../../src/app/api/issuer/covered-persons/[id]/events/route';
import { POST as waiveEvent } from '../../../src/app/api/compliance/covered-person-events/[id]/waiver/route';
import { POST as certifyBadActors } from '../../../src/app/api/issuer/bad-actor-certification/route';
import { POST as createInvestmentGroup } from '../../../src/app/api/issuer/groups/route';
import { POST as inviteToGroup } from '../../../src/app/api/issuer/groups/invitations/route';
import { POST as decideGroupApplication } from '../../../src/app/api/issuer/groups/applications/[id]/decision/route';
import { POST as applyToGroup } from '../../../src/app/api/groups/[id]/apply/route';
import { POST as createBroker } from '../../../src/app/api/admin/brokers/route';
import { POST as attachBrokerClient } from '../../../src/app/api/admin/brokers/[id]/clients/route';
import { POST as inviteBrokerClient } from '../../../src/app/api/broker/invitations/route';
import { POST as createTransferAgent } from '../../../src/app/api/admin/transfer-agents/route';
import { withTenant } from '../../../src/server/db/tenant';
import { invalidateTenantCache } from '../../../src/server/tenancy/resolve';
import { POST as createFeedPost } from '../../../src/app/api/feed/posts/route';
import { POST as commentOnFeedPost } from '../../../src/app/api/feed/posts/[id]/comments/route';
import { POST as reportFeedPost } from '../../../src/app/api/feed/posts/[id]/reports/route';
import { uuidv7 } from '../../../src/server/ids';
import { runEscrowSweep } from '../../../src/server/escrow/service';
import { POST as createNewsletterCampaign } from '../../../src/app/api/admin/newsletter/campaigns/route';
import { call } from '../../helpers/api';
import { BAD_ACTOR_CERTIFICATION, makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../../helpers/tenants';

// One tenant with a row behind every kind of id the API takes in a path, each text field
// carrying the tenant's own marker, so a response that leaks it can be recognised.

export const octet = { 'content-type': 'application/octet-stream' };
export const png = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...randomBytes(48)]);
export const pdf = (label: string) => new TextEncoder().encode(`%PDF-1.7\n% ${label} ${randomBytes(8).toString('hex')}\n%%EOF\n`);

export type Actor = { id: string; email: string; token: string };

export type SeededTenant = TestTenant & {
  marker: string;
  admin: Actor;
  investor: Actor;
  issuer: Actor & { issuerId: string };
  /** A broker (profile set up, the investor attached as client) and a transfer agent (profile set up). */
  broker: Actor;
  transferAgent: Actor;
  ids: {
    deal: string;
    dealSlug: string;
    faq: string;
    update: string;
    keyTerm: string;
    requiredDocument: string;
    media: string;
    mediaCid: string;
    document: string;
    comment: string;
    group: string;
    investment: string;
    escrow: string;
    kycApplication: string;
    kycDocument: string;
    accreditation: string;
    screeningHit: string;
    session: string;
    issuerDocument: string;
    /** A failed chain transaction of the tenant (as the transaction manager leaves one). */
    chainTransaction: string;
    /** An escrow funded on chain without a reservation (as the indexer records one). */
    unmatchedEscrow: string;
    /** An active staking pool (as the indexer leaves one), with the tenant's staking feature on. */
    stakingPool: string;
    /** An active lending pool (as the indexer leaves one), with the tenant's lending feature on. */
    lendingPool: string;
    assetApplication: string;
    asset: string;
    coveredPerson: string;
    coveredPersonEvent: string;
    /** The issuer's investment group, an approved member, the investor's pending application, an invitation link. */
    investmentGroup: string;
    groupMember: string;
    groupApplication: string;
    groupInvitation: string;
    /** An outgoing webhook endpoint with one delivery (its secret sealed as the admin route seals it). */
    webhookEndpoint: string;
    /** The investor's feed post (socialFeatures on), the issuer's comment on it and report of it. */
    feedPost: string;
    feedComment: string;
    /** A newsletter campaign (a draft) written by the admin, naming the marker. */
    newsletterCampaign: string;
    /** The investor's referral link (its code is the marker), the group member signed up through it, a pending reward. */
    referralCode: string;
    referralReward: string;
    /** The broker's profile, and its pending invitation to the group member. */
    broker: string;
    brokerInvitation: string;
    transferAgent: string;
  };
};

export async function seedTenant(): Promise<SeededTenant> {
  const t = await makeTenant({ settings: { rateLimits: { public: 100_000, authenticated: 100_000, admin: 100_000 } } });
  const marker = `SECRET-${t.slug}`;
  const adminToken = await tokenFor(t, t.admin.email);
  const issuer = await makeVerifiedIssuer(t, adminToken);
  // "Test User" is who makeUser creates; the screening list below matches that name.
  const inv = await makeUser(t, ['investor']);
  const investor = { ...inv, token: await tokenFor(t, inv.email) };
  const h = t.host;

  const deal = await makeActiveDeal(t, issuer.token, adminToken, { title: `${marker} deal` });
  const dealId = deal.id as string;
  const p = { id: dealId };
  const created = async (r: Promise<{ status: number; json: any }>, what: string) => {
    const res = await r;
    if (res.status !== 201 && res.status !== 200) throw new Error(`seed ${what}: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  };

  const faq = await created(call(addFaq, { host: h, token: issuer.token, params: p, body: { question: `${marker} q`, answer: `${marker} a` } }), 'faq');
  const keyTerm = await created(call(addKeyTerm, { host: h, token: issuer.token, params: p, body: { label: `${marker} label`, value: '8%' } }), 'key term');
  const required = await created(call(addRequired, { host: h, token: issuer.token, params: p, body: { name: `${marker} letter`, required: true } }), 'required doc');
  const media = await created(
    call(uploadMedia, { host: h, token: issuer.token, params: p, path: `/api/deals/${dealId}/media?caption=${marker}`, method: 'POST', rawBody: png(), headers: octet }),
    'media',
  );
  const document = await created(
    call(uploadDealDoc, { host: h, token: issuer.token, params: p, path: `/api/deals/${dealId}/documents?title=${marker}&kind=term_sheet&fileName=terms.pdf`, method: 'POST', rawBody: pdf(marker), headers: octet }),
    'deal document',
  );
  const update = await created(call(postUpdate, { host: h, token: issuer.token, params: p, body: { title: `${marker} update`, body: `${marker} body` } }), 'update');
  const comment = await created(call(postComment, { host: h, token: investor.token, params: p, body: { body: `${marker} comment` } }), 'comment');
  const group = await created(call(createGroup, { host: h, token: adminToken, body: { name: `${marker} group`, slug: `g-${t.slug}`, description: marker } }), 'group');
  await created(call(addGroupDeal, { host: h, token: adminToken, params: { id: group.id }, body: { dealId } }), 'group deal');

  const inv1 = await created(call(invest, { host: h, token: investor.token, params: p, body: { amount: '500', paymentMethod: 'wire' } }), 'investment');
  const investmentId = (inv1.id ?? inv1.investment?.id ?? inv1.investmentId) as string;
  expect(investmentId).toMatch(/^[0-9a-f-]{36}$/);
  await runEscrowSweep({ tenantIds: [t.id] });
  const escrow = await withTenant(t.id, null, (x) => x.tx.selectFrom('escrow_investments').select('id').where('tenant_id', '=', t.id).where('investment_id', '=', investmentId).executeTakeFirstOrThrow());

  const kyc = await created(call(startKyc, { host: h, token: investor.token, body: {} }), 'kyc application');
  const kycApplication = kyc.application.id as string;
  const kycDoc = await created(
    call(uploadKycDoc, { host: h, token: investor.token, params: { id: kycApplication }, path: `/api/investor/kyc/applications/${kycApplication}/documents?kind=passport`, method: 'POST', rawBody: png(), headers: octet }),
    'kyc document',
  );
  // A professional's letter counts from its own date (506(c), issue 23): yesterday's.
  const letter = { method: 'letter_from_professional', documentReference: `cid:${marker}`, documentDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), professional: { name: `${marker} CPA`, kind: 'cpa' } };
  const acc = await call(submitAccreditation, { host: h, token: investor.token, body: letter });
  const accreditation = await created(Promise.resolve(acc), 'accreditation');

  await created(
    call(uploadList, { host: h, token: adminToken, path: '/api/admin/screening-lists?name=Watch&kind=sanctions', method: 'POST', rawBody: 'name,aliases,date_of_birth,countries\nTest User,,,', headers: { 'content-type': 'text/csv' } }),
    'screening list',
  );
  await created(call(screenUser, { host: h, token: adminToken, params: { id: investor.id } }), 'screen');
  const hit = await withTenant(t.id, null, (x) => x.tx.selectFrom('screening_hits').select('id').where('tenant_id', '=', t.id).where('user_id', '=', investor.id).executeTakeFirstOrThrow());

  const sessions = await call(listSessions, { host: h, token: investor.token });
  const issuerDoc = await created(
    call(uploadIssuerDoc, { host: h, token: issuer.token, path: `/api/issuer/documents?title=${marker}&kind=other&fileName=coi.pdf`, method: 'POST', rawBody: pdf(marker), headers: octet }),
    'issuer document',
  );

  // Chain rows the tenant would have once money moved on chain: a failed transaction of its
  // operator and an unmatched escrow, written as the transaction manager and the indexer write them.
  const chainId = 31_337;
  const hex = (n: number) => randomBytes(n).toString('hex');
  const failedTx = await withChainSystem(async (db) => {
    const row = await insertTxOnce(db, { id: uuidv7(), tenantId: t.id, chainId, from: `0x${hex(20)}`, signerRole: 'operator', to: `0x${hex(20)}`, data: '0x', purpose: 'escrow.release', referenceType: 'escrow', referenceId: escrow.id, dedupeKey: `seed:${marker}`, createdBy: null });
    await updateTx(db, row.id, { status: 'failed', last_error: `reverted: ${marker}` });
    return row.id;
  });
  const unmatchedEscrow = uuidv7();
  await withChainSystem((db) =>
    db.insertInto('chain_unmatched_escrows').values({ tenant_id: t.id, id: unmatchedEscrow, chain_id: chainId, escrow_address: `0x${hex(20)}`, sale_address: `0x${hex(20)}`, investor_address: `0x${hex(20)}`, token_address: `0x${hex(20)}`, amount: '1000000', deal_id: dealId, tx_hash: `0x${hex(32)}`, block_number: 1 }).execute(),
  );
  const stakingPool = uuidv7();
  await withChainSystem(async (db) => {
    await db.insertInto('tenant_features').values({ tenant_id: t.id, feature: 'staking', enabled: true }).onConflict((oc) => oc.columns(['tenant_id', 'feature']).doUpdateSet({ enabled: true })).execute();
    await db
      .insertInto('staking_pools')
      .values({ tenant_id: t.id, id: stakingPool, chain_id: chainId, name: `${marker} pool`, staking_token: `0x${hex(20)}`, reward_token: `0x${hex(20)}`, staking_decimals: 18, reward_decimals: 6, reward_budget: '0', rewards_duration_seconds: 86_400, lock_period_seconds: 0, early_exit_penalty_bps: 0, max_stake_per_user: '0', max_total_staked: '0', status: 'active', pool_address: `0x${hex(20)}` })
      .execute();
  });
  const lendingPool = uuidv7();
  await withChainSystem(async (db) => {
    await db.insertInto('tenant_features').values({ tenant_id: t.id, feature: 'lending', enabled: true }).onConflict((oc) => oc.columns(['tenant_id', 'feature']).doUpdateSet({ enabled: true })).execute();
    await db
      .insertInto('lending_pools')
      .values({ tenant_id: t.id, id: lendingPool, chain_id: chainId, name: `${marker} market`, asset_token: `0x${hex(20)}`, asset_decimals: 6, base_rate: '0', slope1: '0', slope2: '0', optimal_utilisation: '800000000000000000', reserve_factor_bps: 1000, close_factor_bps: 5000, status: 'active', pool_address: `0x${hex(20)}` })
      .execute();
  });
  // A submitted tokenization application and an issued asset (its token row as the issuing job writes it).
  const assetApplication = uuidv7();
  const asset = uuidv7();
  await withChainSystem(async (db) => {
    await db.insertInto('tenant_features').values({ tenant_id: t.id, feature: 'assetTokenization', enabled: true }).onConflict((oc) => oc.columns(['tenant_id', 'feature']).doUpdateSet({ enabled: true })).execute();
    const terms = { tenant_id: t.id, issuer_id: issuer.issuerId, created_by: issuer.id, asset_type: 'real_estate' as const, name: `${marker} tower`, symbol: 'TWR', description: marker, valuation: '100000000', currency: 'USD', currency_decimals: 2, supply: '1000000', decimals: 0, jurisdiction: 'US-DE', regulation: 'reg_d' as const, chain_id: chainId, treasury_address: `0x${hex(20)}` };
    await db.insertInto('asset_applications').values({ ...terms, id: assetApplication, status: 'submitted', submitted_at: new Date() }).execute();
    const approved = uuidv7();
    await db.insertInto('asset_applications').values({ ...terms, id: approved, status: 'approved', name: `${marker} approved` }).execute();
    await db
      .insertInto('assets')
      .values({ tenant_id: t.id, id: asset, application_id: approved, issuer_id: issuer.issuerId, name: `${marker} approved`, symbol: 'TWR', asset_type: 'real_estate', chain_id: chainId, valuation: '100000000', currency: 'USD', currency_decimals: 2, status: 'issued', token_address: `0x${hex(20)}`, registry_address: `0x${hex(20)}`, approved_by: t.admin.id, issued_at: new Date() })
      .execute();
  });
  // A covered person with a waived event, certified again: the issuer still sells (230.506(d)).
  const person = await created(call(addCoveredPerson, { host: h, token: issuer.token, body: { name: `${marker} Director`, role: 'director', inquiryMethod: 'Questionnaire and court records' } }), 'covered person');
  const withEvent = await created(
    call(addDisqualifyingEvent, { host: h, token: issuer.token, params: { id: person.id }, body: { eventType: 'court_injunction', eventDate: '2020-02-03', orderReference: `${marker} order` } }),
    'disqualifying event',
  );
  const coveredPersonEvent = withEvent.events[0].id as string;
  expect((await call(waiveEvent, { host: h, token: adminToken, params: { id: coveredPersonEvent }, body: { waiverReference: `${marker} waiver` } })).status).toBe(200);
  await created(call(certifyBadActors, { host: h, token: issuer.token, body: BAD_ACTOR_CERTIFICATION }), 'bad-actor certification');
  const webhookEndpoint = uuidv7();
  await withTenant(t.id, null, async (tx) => {
    await tx.tx.insertInto('webhook_endpoints').values({ tenant_id: t.id, id: webhookEndpoint, url: `https://hooks.example/${marker}`, description: marker, secret_sealed: 'sealed-in-seed', event_types: [] }).execute();
    await tx.tx.insertInto('webhook_deliveries').values({ tenant_id: t.id, id: uuidv7(), endpoint_id: webhookEndpoint, event_type: 'webhook.test', event_key: `seed:${marker}`, payload: JSON.stringify({ marker }) }).execute();
  });

  // The issuer's investment group: one approved member, the investor's application still pending, an invitation link.
  const investmentGroup = await created(call(createInvestmentGroup, { host: h, token: issuer.token, body: { name: `${marker} circle`, description: marker, questions: [{ id: 'why', text: `${marker} question`, required: false }] } }), 'investment group');
  const memberUser = await makeUser(t, ['investor']);
  const memberToken = await tokenFor(t, memberUser.email);
  const memberApplication = await created(call(applyToGroup, { host: h, token: memberToken, params: { id: investmentGroup.id }, body: { answers: [{ questionId: 'why', answer: marker }] } }), 'group application');
  await created(call(decideGroupApplication, { host: h, token: issuer.token, params: { id: memberApplication.id }, body: { decision: 'approve' } }), 'group admission');
  const groupApplication = await created(call(applyToGroup, { host: h, token: investor.token, params: { id: investmentGroup.id }, body: { answers: [{ questionId: 'why', answer: marker }] } }), 'pending group application');
  const groupInvitation = await created(call(inviteToGroup, { host: h, token: issuer.token, body: { note: marker } }), 'group invitation');

  // The social feed: the investor's post, the issuer's comment on it and report of it.
  await withChainSystem((db) =>
    db.insertInto('tenant_features').values({ tenant_id: t.id, feature: 'socialFeatures', enabled: true }).onConflict((oc) => oc.columns(['tenant_id', 'feature']).doUpdateSet({ enabled: true })).execute(),
  );
  invalidateTenantCache(t.id);
  const feedPost = await created(call(createFeedPost, { host: h, token: investor.token, body: { body: `${marker} feed post`, dealId } }), 'feed post');
  const feedComment = await created(call(commentOnFeedPost, { host: h, token: issuer.token, params: { id: feedPost.id }, body: { body: `${marker} feed comment` } }), 'feed comment');
  await created(call(reportFeedPost, { host: h, token: issuer.token, params: { id: feedPost.id }, body: { reason: `${marker} report` } }), 'feed report');
  const newsletterCampaign = await created(call(createNewsletterCampaign, { host: h, token: adminToken, body: { subject: `${marker} letter`, body: marker, segment: 'all' } }), 'newsletter campaign');
  // Referrals: the investor's link, the group member attributed to it, a pending reward on an investment.
  const referralCode = marker.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40);
  const referralReward = uuidv7();
  await withTenant(t.id, null, async (x) => {
    const [link, click, attribution] = [uuidv7(), uuidv7(), uuidv7()];
    const device = 'ab'.repeat(32);
    await x.tx.insertInto('referrers').values({ tenant_id: t.id, user_id: investor.id }).execute();
    await x.tx.insertInto('referral_links').values({ tenant_id: t.id, id: link, referrer_id: investor.id, code: referralCode, campaign: `${marker} campaign`, target_path: '/deals', created_device_hash: device }).execute();
    await x.tx.insertInto('referral_clicks').values({ tenant_id: t.id, id: click, link_id: link, device_hash: device, outcome: 'tracked' }).execute();
    await x.tx.insertInto('referral_attributions').values({ tenant_id: t.id, id: attribution, referred_user_id: memberUser.id, link_id: link, referrer_id: investor.id, click_id: click, status: 'attributed', refusal_reason: null, device_hash: device }).execute();
    await x.tx
      .insertInto('referral_transactions')
      .values({ tenant_id: t.id, id: referralReward, kind: 'reward', status: 'pending', attribution_id: attribution, referrer_id: investor.id, referred_user_id: memberUser.id, investment_id: investmentId, amount: '2500', currency: 'USD', currency_decimals: 2 })
      .execute();
  });
  // A broker with the investor as client and an invitation to the group member; a transfer agent.
  const brokerUser = await makeUser(t, ['broker']);
  const broker = await created(
    call(createBroker, { host: h, token: adminToken, body: { userId: brokerUser.id, displayName: `${marker} Brokerage`, licenceNumber: `${marker}-LIC`, licenceJurisdiction: 'US-NY', commissionBps: 150, allDeals: true } }),
    'broker',
  );
  await created(call(attachBrokerClient, { host: h, token: adminToken, params: { id: broker.broker.id }, body: { investorId: investor.id } }), 'broker client');
  const brokerToken = await tokenFor(t, brokerUser.email);
  const brokerInvitation = await created(call(inviteBrokerClient, { host: h, token: brokerToken, body: { email: memberUser.email, message: marker } }), 'broker invitation');
  const agentUser = await makeUser(t, ['transfer_agent']);
  const agent = await created(
    call(createTransferAgent, { host: h, token: adminToken, body: { userId: agentUser.id, displayName: `${marker} Registrar`, registrationNumber: '84-12345', registrationJurisdiction: 'US' } }),
    'transfer agent',
  );

  return {
    ...t,
    marker,
    broker: { ...brokerUser, token: brokerToken },
    transferAgent: { ...agentUser, token: await tokenFor(t, agentUser.email) },
    admin: { ...t.admin, token: adminToken },
    investor,
    issuer: { id: issuer.id, email: issuer.email, token: issuer.token, issuerId: issuer.issuerId },
    ids: {
      deal: dealId,
      dealSlug: deal.slug as string,
      faq: faq.id,
      update: update.id,
      keyTerm: keyTerm.id,
      requiredDocument: required.id,
      media: media.id,
      mediaCid: media.cid,
      document: document.id,
      comment: comment.id,
      group: group.id,
      investment: investmentId,
      escrow: escrow.id,
      kycApplication,
      kycDocument: kycDoc.id,
      accreditation: accreditation.id,
      screeningHit: hit.id,
      session: sessions.json.sessions[0].id,
      issuerDocument: issuerDoc.id,
      chainTransaction: failedTx,
      unmatchedEscrow,
      stakingPool,
      lendingPool,
      assetApplication,
      asset,
      coveredPerson: person.id,
      coveredPersonEvent,
      investmentGroup: investmentGroup.id,
      groupMember: memberUser.id,
      groupApplication: groupApplication.id,
      groupInvitation: groupInvitation.id,
      webhookEndpoint,
      feedPost: feedPost.id,
      feedComment: feedComment.id,
      newsletterCampaign: newsletterCampaign.campaign.id,
      referralCode,
      referralReward,
      broker: broker.broker.id,
      brokerInvitation: brokerInvitation.invitation.id,
      transferAgent: agent.transferAgent.id,
    },
  };
}
