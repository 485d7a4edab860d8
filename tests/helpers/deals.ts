import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as createIssuer } from '../../src/app/api/issuer/profile/route';
import { POST as reviewIssuer } from '../../src/app/api/admin/issuers/[id]/review/route';
import { POST as createDeal } from '../../src/app/api/issuer/deals/route';
import { POST as transition } from '../../src/app/api/deals/[id]/transitions/route';
import { POST as certifyBadActors } from '../../src/app/api/issuer/bad-actor-certification/route';
import { call } from './api';
import { makeUser, PASSWORD, type TestTenant } from './tenants';

export async function tokenFor(tenant: TestTenant, email: string): Promise<string> {
  const r = await call(login, { host: tenant.host, body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return r.json.token;
}

/** An issuer user with a verified issuer profile. */
export async function makeVerifiedIssuer(tenant: TestTenant, adminToken: string) {
  const user = await makeUser(tenant, ['issuer']);
  const token = await tokenFor(tenant, user.email);
  const created = await call(createIssuer, {
    host: tenant.host,
    token,
    body: {
      legalEntity: { name: `Issuer ${user.id.slice(-6)} Inc`, jurisdiction: 'US-DE', registrationNumber: randomBytes(6).toString('hex'), entityType: 'corporation' },
      profile: { displayName: `Issuer ${user.id.slice(-6)}` },
    },
  });
  expect(created.status).toBe(201);
  const verified = await call(reviewIssuer, { host: tenant.host, token: adminToken, params: { id: created.json.id }, body: { decision: 'verify', reason: 'documents checked' } });
  expect(verified.status).toBe(200);
  // Rule 506 and Reg CF deals sell only once the issuer certified it has no bad actors (230.506(d), 227.503).
  const certified = await call(certifyBadActors, { host: tenant.host, token, body: BAD_ACTOR_CERTIFICATION });
  expect(certified.status).toBe(201);
  return { ...user, token, issuerId: created.json.id as string };
}

export const BAD_ACTOR_CERTIFICATION = {
  coveredPersons: [{ name: 'Ada Founder', role: 'director and executive officer' }],
  noDisqualifyingEvents: true,
  statement: 'After a factual inquiry, no covered person has a disqualifying event.',
};

export const baseDeal = {
  title: 'Solar Farm Series A',
  summary: 'Community-owned solar generation',
  description: 'A **solar** farm.',
  assetType: 'equity',
  currency: 'USD',
  targetAmount: '100000',
  softCap: '50000',
  hardCap: '150000',
  minTicket: '100',
};

/** A deal created by the issuer and approved by the admin: active and open. */
export async function makeActiveDeal(tenant: TestTenant, issuerToken: string, adminToken: string, overrides: Record<string, unknown> = {}) {
  const created = await call(createDeal, { host: tenant.host, token: issuerToken, body: { ...baseDeal, ...overrides } });
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  expect((await call(transition, { host: tenant.host, token: issuerToken, params: { id }, body: { action: 'submit' } })).status).toBe(200);
  const approved = await call(transition, { host: tenant.host, token: adminToken, params: { id }, body: { action: 'approve' } });
  expect(approved.status).toBe(200);
  return approved.json;
}
