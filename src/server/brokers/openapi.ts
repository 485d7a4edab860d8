import { z } from 'zod';
import { attachClientInput, brokerClientParams, createBrokerInput, investorIdParams, inviteClientInput, statementQuery, updateBrokerInput } from './schema';

// The brokers routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
const idParam = z.object({ id: z.string().uuid() });
const NO_PROFILE = 'the caller holds the broker role but an administrator has not set up their broker profile: code `broker_profile_missing`';

export const brokerOps = [
  { tag: 'brokers', method: 'get', path: '/api/admin/brokers', summary: 'Brokers with their licence, commission, the deals they may offer and their number of clients', auth: ['tenant_admin'] },
  {
    tag: 'brokers',
    method: 'post',
    path: '/api/admin/brokers',
    summary: 'Set up the broker profile of a member holding the broker role (licence, jurisdiction, commission in basis points, offered deals); audited',
    auth: ['tenant_admin'],
    body: createBrokerInput,
    status: 201,
    conflict: 'the member does not hold the broker role (`not_a_broker`) or already has a profile (`broker_exists`)',
  },
  { tag: 'brokers', method: 'put', path: '/api/admin/brokers/{id}', summary: 'Edit a broker’s profile and settings (new investments are attributed at the new rate; earlier ones keep theirs); audited', auth: ['tenant_admin'], params: idParam, body: updateBrokerInput },
  {
    tag: 'brokers',
    method: 'post',
    path: '/api/admin/brokers/{id}/clients',
    summary: 'Attach an investor to this broker (an investor has one broker per community); audited',
    auth: ['tenant_admin'],
    params: idParam,
    body: attachClientInput,
    status: 201,
    conflict: 'the investor already has a broker (`investor_has_broker`), is not an investor (`not_an_investor`) or the broker is suspended (`broker_suspended`)',
  },
  { tag: 'brokers', method: 'delete', path: '/api/admin/brokers/{id}/clients/{investorId}', summary: 'Detach a client from this broker (attributions already written stay); audited', auth: ['tenant_admin'], params: brokerClientParams },
  { tag: 'brokers', method: 'get', path: '/api/broker', summary: 'The broker’s dashboard: profile, offered deals, clients, invitations and attributed investments with their commission', auth: ['broker'], forbidden: NO_PROFILE },
  {
    tag: 'brokers',
    method: 'post',
    path: '/api/broker/invitations',
    summary: 'Invite an investor (a member, by email) to become a client; the investor accepts or declines. Shown to the investor',
    auth: ['broker'],
    body: inviteClientInput,
    status: 201,
    forbidden: NO_PROFILE,
    conflict: 'already a client (`already_client`), has another broker (`investor_has_broker`), invited already (`invitation_pending`), oneself (`cannot_invite_self`), not an investor (`not_an_investor`), or the broker is suspended (`broker_suspended`)',
  },
  { tag: 'brokers', method: 'delete', path: '/api/broker/invitations/{id}', summary: 'Withdraw a pending invitation (shown to the investor)', auth: ['broker'], params: idParam, forbidden: NO_PROFILE, conflict: 'already answered: code `invitation_decided`' },
  { tag: 'brokers', method: 'get', path: '/api/broker/clients/{investorId}', summary: 'A client’s investments attributed to the broker (the read is shown to the client and audited)', auth: ['broker'], params: investorIdParams, forbidden: NO_PROFILE },
  { tag: 'brokers', method: 'delete', path: '/api/broker/clients/{investorId}', summary: 'Stop representing a client (shown to the client and audited)', auth: ['broker'], params: investorIdParams, forbidden: NO_PROFILE },
  { tag: 'brokers', method: 'get', path: '/api/broker/statements', summary: 'The commission statement of a month: confirmed attributed investments x the rate at attribution (rounded down, per investment), refunds after confirmation deducted, totals per currency', auth: ['broker'], query: statementQuery, forbidden: NO_PROFILE },
  { tag: 'brokers', method: 'get', path: '/api/broker/statements.csv', summary: 'The commission statement of a month as CSV (lines, then totals); the export is audited and shown to the clients in it', auth: ['broker'], query: statementQuery, forbidden: NO_PROFILE },
  { tag: 'brokers', method: 'get', path: '/api/broker-relationship', summary: 'The caller’s broker, the invitations they received, and everything a broker did concerning them', auth: 'user' },
  { tag: 'brokers', method: 'post', path: '/api/broker-invitations/{id}/accept', summary: 'Accept a broker’s invitation: the broker becomes the caller’s broker; audited', auth: 'user', params: idParam, conflict: 'already answered (`invitation_decided`), the caller has a broker (`investor_has_broker`) or the broker is suspended (`broker_suspended`)' },
  { tag: 'brokers', method: 'post', path: '/api/broker-invitations/{id}/decline', summary: 'Decline a broker’s invitation; audited', auth: 'user', params: idParam, conflict: 'already answered: code `invitation_decided`' },
] as const;
