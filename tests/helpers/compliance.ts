import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { POST as uploadDealDoc } from '../../src/app/api/deals/[id]/documents/route';
import { POST as invite } from '../../src/app/api/deals/[id]/invitations/route';
import { GET as deliver502b, POST as acknowledge502b } from '../../src/app/api/investor/deals/[id]/disclosure-502b/route';
import { POST as postEducation } from '../../src/app/api/investor/compliance/reg-cf-education/route';
import { call } from './api';
import type { TestTenant } from './tenants';

// Steps of the compliance flows several API suites share.

export const pdf = (label: string) => new TextEncoder().encode(`%PDF-1.7\n% ${label} ${randomBytes(8).toString('hex')}\n%%EOF\n`);

/** The issuer uploads its Rule 502(b) disclosure for a 506(b) deal (a deal document of kind disclosure_502b). */
export async function provideDisclosure502b(tenant: TestTenant, issuerToken: string, dealId: string) {
  const r = await call(uploadDealDoc, {
    host: tenant.host,
    token: issuerToken,
    params: { id: dealId },
    path: `/api/deals/${dealId}/documents?title=Disclosure&kind=disclosure_502b&fileName=disclosure.pdf`,
    method: 'POST',
    rawBody: pdf('502b'),
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(r.status).toBe(201);
  return r.json as { id: string };
}

/** The investor opens the disclosure (recorded as delivered) and acknowledges it. */
export async function acknowledgeDisclosure502b(tenant: TestTenant, token: string, dealId: string) {
  const delivered = await call(deliver502b, { host: tenant.host, token, params: { id: dealId } });
  expect(delivered.status).toBe(200);
  const ack = await call(acknowledge502b, { host: tenant.host, token, params: { id: dealId }, body: { acknowledged: true, packageSha256: delivered.json.packageSha256 } });
  expect(ack.status).toBe(200);
  return ack.json;
}

/** The issuer (or an admin) records a pre-existing relationship with the investor for a 506(b) deal. */
export async function inviteToDeal(tenant: TestTenant, token: string, dealId: string, email: string) {
  const r = await call(invite, { host: tenant.host, token, params: { id: dealId }, body: { email, note: 'existing client' } });
  expect(r.status).toBe(201);
  return r.json;
}

export const REG_CF_EDUCATION_ACK = {
  version: 'reg-cf-education-2026-1',
  reviewedMaterials: true,
  mayLoseEntireInvestment: true,
  canBearLoss: true,
  understandsCancellation: true,
  understandsResaleRestrictions: true,
};

/** The investor acknowledges the Reg CF educational materials (227.302(b), 303(b)(2)), as before a first Reg CF investment. */
export async function acknowledgeRegCfEducation(tenant: TestTenant, token: string) {
  const r = await call(postEducation, { host: tenant.host, token, body: REG_CF_EDUCATION_ACK });
  expect(r.status).toBe(200);
}
