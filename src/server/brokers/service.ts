// The brokers module's use cases. A broker is a member holding the `broker` role whose profile the
// tenant admin keeps; clients are attached by invitation (the investor accepts) or by an admin,
// at most one broker per investor; investments are attributed in their own transaction
// (attributeNewInvestments, called by the investments module); commission statements are
// computed per calendar month from the status events of attributed investments.
import { audit, auditMany, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import type { BrokerClientAction } from '../db/types';
import { Conflict, Forbidden, NotFound, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import { fromMinorUnits } from '../money';
import { notify } from '../notifications/notify';
import { toCsv } from '../reporting/csv';
import type { TenantContext } from '../tenancy/resolve';
import { findMember, userHasRole } from '../users/repo';
import * as repo from './repo';
import type { CreateBrokerInput, UpdateBrokerInput } from './schema';
import { brokerView, commissionOf, statementOf } from './views';

export { attributionOf } from './repo';

/** Called by the investments module inside the transaction that inserts the investments. */
export const attributeNewInvestments = (t: TenantTx, investmentIds: string[]) => repo.attributeInvestments(t, investmentIds);

// ---- admin

export async function listBrokersForAdmin(tenant: TenantContext, admin: Principal) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const rows = await repo.listBrokers(t);
    const deals = await Promise.all(rows.map((r) => repo.offeredDealIds(t, r.id)));
    return { brokers: rows.map((r, i) => ({ ...brokerView(r, deals[i]!), clients: Number(r.clients) })) };
  });
}

/** The deals an admin may let a broker offer (every deal of the tenant, newest titles first). */
export async function dealChoicesForAdmin(tenant: TenantContext, admin: Principal) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => (await repo.dealsOffered(t, null)).map((d) => ({ id: d.id, title: d.title })));
}

async function checkedDealIds(t: TenantTx, input: { allDeals: boolean; dealIds: string[] }): Promise<string[]> {
  const ids = [...new Set(input.dealIds)];
  const found = await repo.existingDealIds(t, ids);
  const missing = ids.map((id, i) => ({ id, i })).filter((x) => !found.has(x.id));
  if (missing.length) throw new ValidationError(missing.map((m) => ({ field: `dealIds.${m.i}`, message: `No deal ${m.id} in this community` })));
  return input.allDeals ? [] : ids;
}

export async function createBroker(tenant: TenantContext, admin: Principal, input: CreateBrokerInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const member = await findMember(t, { id: input.userId });
    if (!member) throw new NotFound('No member with that id');
    if (!(await userHasRole(t, input.userId, 'broker'))) throw new Conflict('not_a_broker', 'Grant the member the broker role first (Users, roles)');
    if (await repo.findBrokerOfUser(t, input.userId)) throw new Conflict('broker_exists', 'This member already has a broker profile: edit it instead');
    const dealIds = await checkedDealIds(t, input);
    const id = uuidv7();
    await repo.insertBroker(t, id, input.userId, input, admin.userId);
    await repo.replaceOfferedDeals(t, id, dealIds);
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'broker.created', targetType: 'broker', targetId: id, metadata: { userId: input.userId, licenceNumber: input.licenceNumber, licenceJurisdiction: input.licenceJurisdiction, commissionBps: input.commissionBps, allDeals: input.allDeals, dealIds, status: input.status } }, meta);
    return { broker: brokerView((await repo.findBroker(t, id))!, dealIds) };
  });
}

export async function updateBroker(tenant: TenantContext, admin: Principal, brokerId: string, input: UpdateBrokerInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const before = await repo.findBroker(t, brokerId, { forUpdate: true });
    if (!before) throw new NotFound('Broker not found');
    const dealIds = await checkedDealIds(t, input);
    await repo.updateBroker(t, brokerId, input, admin.userId);
    await repo.replaceOfferedDeals(t, brokerId, dealIds);
    await audit(
      t,
      {
        actorId: admin.userId,
        actorRole: admin.role,
        action: 'broker.settings_changed',
        targetType: 'broker',
        targetId: brokerId,
        metadata: { before: { commissionBps: before.commission_bps, licenceNumber: before.licence_number, licenceJurisdiction: before.licence_jurisdiction, allDeals: before.all_deals, status: before.status }, after: { commissionBps: input.commissionBps, licenceNumber: input.licenceNumber, licenceJurisdiction: input.licenceJurisdiction, allDeals: input.allDeals, dealIds, status: input.status } },
      },
      meta,
    );
    return { broker: brokerView((await repo.findBroker(t, brokerId))!, dealIds) };
  });
}

export async function attachClientByAdmin(tenant: TenantContext, admin: Principal, brokerId: string, investorId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const broker = await repo.findBroker(t, brokerId);
    if (!broker) throw new NotFound('Broker not found');
    if (broker.status !== 'active') throw new Conflict('broker_suspended', 'This broker is suspended and takes no new clients');
    await requireInvestor(t, investorId);
    if (!(await repo.insertClientLink(t, { investorId, brokerId, source: 'admin', invitationId: null, by: admin.userId }))) throw alreadyAttached();
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'broker.client_attached', targetType: 'user', targetId: investorId, metadata: { brokerId, source: 'admin' } }, meta);
    return { client: { brokerId, investorId, source: 'admin' as const } };
  });
}

export async function detachClientByAdmin(tenant: TenantContext, admin: Principal, brokerId: string, investorId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    if (!(await repo.deleteClientLink(t, brokerId, investorId))) throw new NotFound('That investor is not a client of this broker');
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'broker.client_detached', targetType: 'user', targetId: investorId, metadata: { brokerId, by: 'admin' } }, meta);
    return { success: true as const };
  });
}

const alreadyAttached = () => new Conflict('investor_has_broker', 'This investor already has a broker in this community (an investor has one broker at a time)');

async function requireInvestor(t: TenantTx, investorId: string) {
  const member = await findMember(t, { id: investorId });
  if (!member) throw new NotFound('No member with that id');
  if (!(await userHasRole(t, investorId, 'investor'))) throw new Conflict('not_an_investor', 'Only members with the investor role can be a broker’s clients');
  return member;
}

// ---- broker

async function requireOwnBroker(t: TenantTx, p: Principal) {
  const b = await repo.findBrokerOfUser(t, p.userId);
  if (!b) throw new Forbidden('Your broker profile has not been set up by an administrator yet', 'broker_profile_missing');
  return b;
}

async function recordClientActions(t: TenantTx, p: Principal, brokerId: string, investorIds: string[], action: BrokerClientAction, detail: string | null, meta: RequestMeta) {
  const ids = [...new Set(investorIds)];
  await repo.insertClientActions(t, brokerId, ids, action, detail);
  await auditMany(
    t,
    ids.map((id) => ({ entry: { actorId: p.userId, actorRole: 'broker', action: `broker.${action}`, targetType: 'user', targetId: id, metadata: { brokerId, detail } }, meta })),
  );
}

export async function brokerDashboard(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const b = await requireOwnBroker(t, p);
    const [dealIds, deals, clients, invitations, investments] = await Promise.all([
      repo.offeredDealIds(t, b.id),
      repo.dealsOffered(t, b.all_deals ? null : b.id),
      repo.listClients(t, b.id),
      repo.invitationsOfBroker(t, b.id),
      repo.attributedInvestments(t, b.id, { limit: 200 }),
    ]);
    return {
      broker: brokerView(b, dealIds),
      deals: deals.map((d) => ({ id: d.id, title: d.title, slug: d.slug, status: d.status, currency: d.currency })),
      clients: clients.map((c) => ({ investorId: c.investor_id, email: c.email, name: `${c.first_name} ${c.last_name}`.trim(), source: c.source, attachedAt: c.attached_at.toISOString() })),
      invitations: invitations.map((i) => ({ id: i.id, investorId: i.investor_id, email: i.email, status: i.status, message: i.message, createdAt: i.created_at.toISOString(), decidedAt: i.decided_at?.toISOString() ?? null })),
      investments: investments.map(attributedView),
    };
  });
}

function attributedView(r: Awaited<ReturnType<typeof repo.attributedInvestments>>[number]) {
  return {
    id: r.id,
    dealId: r.deal_id,
    dealTitle: r.deal_title,
    investorId: r.investor_id,
    investorEmail: r.email,
    amount: fromMinorUnits(r.amount, r.currency_decimals),
    currency: r.currency,
    status: r.status,
    commissionBps: r.commission_bps,
    commission: r.status === 'confirmed' ? fromMinorUnits(commissionOf(BigInt(r.amount), r.commission_bps), r.currency_decimals) : '0',
    createdAt: r.created_at.toISOString(),
    confirmedAt: r.confirmed_at?.toISOString() ?? null,
  };
}

export async function inviteClient(tenant: TenantContext, p: Principal, input: { email: string; message?: string }, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const b = await requireOwnBroker(t, p);
    if (b.status !== 'active') throw new Conflict('broker_suspended', 'Your broker profile is suspended: you cannot take new clients');
    const member = await findMember(t, { email: input.email });
    if (!member) throw new NotFound('No member of this community has that email address');
    if (member.id === p.userId) throw new Conflict('cannot_invite_self', 'You cannot be your own client');
    await requireInvestor(t, member.id);
    const link = await repo.clientLinkOf(t, member.id);
    if (link?.broker_id === b.id) throw new Conflict('already_client', 'This investor is already your client');
    if (link) throw alreadyAttached();
    const id = uuidv7();
    if (!(await repo.insertInvitation(t, { id, brokerId: b.id, investorId: member.id, message: input.message ?? null }))) throw new Conflict('invitation_pending', 'You already invited this investor; the invitation is waiting for an answer');
    await recordClientActions(t, p, b.id, [member.id], 'invited', input.message ?? null, meta);
    // The investor hears of it on their channels, in this transaction (the notification outbox).
    await notify(t, {
      type: 'broker.invited',
      userId: member.id,
      title: `${b.display_name} invites you to be their client`,
      body: `${b.display_name} asked to represent you. Investments you make as their client are attributed to them; nothing changes until you accept.${input.message ? ` ${input.message}` : ''}`,
      link: '/my-broker',
      dedupeKey: `broker.invited:${id}`,
      data: { brokerName: b.display_name, invitationId: id },
    });
    return { invitation: { id, investorId: member.id, email: member.email, status: 'pending' as const } };
  });
}

export async function revokeInvitation(tenant: TenantContext, p: Principal, invitationId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const b = await requireOwnBroker(t, p);
    const inv = await repo.findInvitationForUpdate(t, invitationId);
    if (!inv || inv.broker_id !== b.id) throw new NotFound('Invitation not found');
    if (inv.status !== 'pending') throw new Conflict('invitation_decided', `This invitation was already ${inv.status}`);
    await repo.decideInvitation(t, inv.id, 'revoked');
    await recordClientActions(t, p, b.id, [inv.investor_id], 'invitation_revoked', null, meta);
    return { invitation: { id: inv.id, status: 'revoked' as const } };
  });
}

export async function clientInvestments(tenant: TenantContext, p: Principal, investorId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const b = await requireOwnBroker(t, p);
    const link = await repo.clientLinkOf(t, investorId);
    if (!link || link.broker_id !== b.id) throw new NotFound('That investor is not your client');
    const rows = await repo.attributedInvestments(t, b.id, { investorId, limit: 1000 });
    await recordClientActions(t, p, b.id, [investorId], 'viewed_investments', null, meta);
    return { investorId, investments: rows.map(attributedView) };
  });
}

export async function detachOwnClient(tenant: TenantContext, p: Principal, investorId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const b = await requireOwnBroker(t, p);
    if (!(await repo.deleteClientLink(t, b.id, investorId))) throw new NotFound('That investor is not your client');
    await recordClientActions(t, p, b.id, [investorId], 'detached', null, meta);
    return { success: true as const };
  });
}

export function periodBounds(period: string): { from: Date; to: Date } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(y, m - 1, 1)), to: new Date(Date.UTC(y, m, 1)) };
}

export async function commissionStatement(tenant: TenantContext, p: Principal, period: string) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const b = await requireOwnBroker(t, p);
    const { from, to } = periodBounds(period);
    return { statement: statementOf(b, period, from, to, await repo.commissionEvents(t, b.id, from, to)) };
  });
}

export async function commissionStatementCsv(tenant: TenantContext, p: Principal, period: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const b = await requireOwnBroker(t, p);
    const { from, to } = periodBounds(period);
    const events = await repo.commissionEvents(t, b.id, from, to);
    const s = statementOf(b, period, from, to, events);
    await recordClientActions(t, p, b.id, events.map((e) => e.investor_id), 'exported_statement', `commission statement ${period}`, meta);
    await audit(t, { actorId: p.userId, actorRole: 'broker', action: 'broker.statement_exported', targetType: 'broker', targetId: b.id, metadata: { period, lines: s.lines.length } }, meta);
    const body = toCsv(
      ['date', 'kind', 'investment_id', 'deal', 'investor_email', 'amount', 'currency', 'commission_bps', 'commission'],
      s.lines.map((l) => [l.at, l.kind, l.investmentId, l.dealTitle, l.investorEmail, l.amount, l.currency, l.commissionBps, l.commission]),
    );
    const totals = toCsv(['currency', 'credited', 'deducted', 'net'], s.totals.map((x) => [x.currency, x.credited, x.deducted, x.net]));
    return { filename: `commission-${period}.csv`, body: `${body}\r\n${totals}` };
  });
}

// ---- investor

export async function myBrokerRelationship(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const [link, invitations, actions] = await Promise.all([repo.clientLinkOf(t, p.userId), repo.invitationsOfInvestor(t, p.userId), repo.clientActionsOf(t, p.userId, 200)]);
    const broker = link ? await repo.findBroker(t, link.broker_id) : undefined;
    return {
      broker: broker && link ? { id: broker.id, displayName: broker.display_name, email: broker.email, licenceNumber: broker.licence_number, licenceJurisdiction: broker.licence_jurisdiction, source: link.source, attachedAt: link.attached_at.toISOString() } : null,
      invitations: invitations.map((i) => ({ id: i.id, brokerId: i.broker_id, brokerName: i.display_name, licenceNumber: i.licence_number, licenceJurisdiction: i.licence_jurisdiction, status: i.status, message: i.message, createdAt: i.created_at.toISOString(), decidedAt: i.decided_at?.toISOString() ?? null })),
      actions: actions.map((a) => ({ id: a.id, brokerId: a.broker_id, brokerName: a.display_name, action: a.action, detail: a.detail, at: a.created_at.toISOString() })),
    };
  });
}

export async function answerInvitation(tenant: TenantContext, p: Principal, invitationId: string, answer: 'accept' | 'decline', meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const inv = await repo.findInvitationForUpdate(t, invitationId);
    if (!inv || inv.investor_id !== p.userId) throw new NotFound('Invitation not found');
    if (inv.status !== 'pending') throw new Conflict('invitation_decided', `This invitation was already ${inv.status}`);
    if (answer === 'accept') {
      const broker = await repo.findBroker(t, inv.broker_id);
      if (!broker || broker.status !== 'active') throw new Conflict('broker_suspended', 'This broker is suspended and takes no new clients');
      if (!(await repo.insertClientLink(t, { investorId: p.userId, brokerId: inv.broker_id, source: 'invitation', invitationId: inv.id, by: p.userId }))) throw alreadyAttached();
    }
    const status = answer === 'accept' ? 'accepted' : 'declined';
    await repo.decideInvitation(t, inv.id, status);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: `broker.invitation_${status}`, targetType: 'broker', targetId: inv.broker_id, metadata: { invitationId: inv.id } }, meta);
    return { invitation: { id: inv.id, brokerId: inv.broker_id, status } };
  });
}
