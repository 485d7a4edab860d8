import { z } from 'zod';
import {
  accreditationDecisionInput,
  accreditationInput,
  accreditationListQuery,
  badActorCertificationInput,
  checksQuery,
  complianceSettingsPatch,
  dealInvitationInput,
  declarationInput,
  disclosureAcknowledgementInput,
  formDFilingInput,
  issuerAffiliateInput,
  purchaserRepresentativeInput,
  regCfEducationAcknowledgementInput,
  suitabilityInput,
} from './schema';

// The compliance routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`,
// so that document can list them with `...complianceOps` without knowing their schemas.

const idParam = z.object({ id: z.string().uuid() });
const officers = ['compliance_officer', 'tenant_admin'];

export const complianceOps = [
  { tag: 'compliance', method: 'get', path: '/api/investor/compliance/declaration', summary: 'Own residence, nationality, U.S.-person status, investor type and financials', auth: 'user' },
  { tag: 'compliance', method: 'put', path: '/api/investor/compliance/declaration', summary: 'Declare residence, nationality, U.S.-person status, investor type and financials (U.S. dollars)', auth: 'user', body: declarationInput },
  { tag: 'compliance', method: 'get', path: '/api/investor/suitability', summary: 'The tenant’s suitability questionnaire and the caller’s latest result', auth: 'user' },
  { tag: 'compliance', method: 'post', path: '/api/investor/suitability', summary: 'Submit suitability answers; returns score and band', auth: 'user', body: suitabilityInput, status: 201 },
  { tag: 'compliance', method: 'post', path: '/api/investor/accreditation', summary: 'Submit accreditation evidence (documents for review, or the minimum-investment representation)', auth: 'user', body: accreditationInput, status: 201 },
  { tag: 'compliance', method: 'get', path: '/api/investor/accreditation', summary: 'Own accreditation submissions with status, method and expiry', auth: 'user' },
  { tag: 'compliance', method: 'get', path: '/api/compliance/accreditations', summary: 'Accreditation submissions by status', auth: officers, query: accreditationListQuery },
  { tag: 'compliance', method: 'post', path: '/api/compliance/accreditations/{id}/decision', summary: 'Approve or reject an accreditation submission', auth: officers, params: idParam, body: accreditationDecisionInput },
  { tag: 'compliance', method: 'get', path: '/api/compliance/checks', summary: 'Compliance checks of investments with each rule’s outcome and inputs', auth: officers, query: checksQuery },
  { tag: 'compliance', method: 'get', path: '/api/compliance/reports/deals/{id}', summary: 'A deal’s investors with KYC level, accreditation and jurisdiction', auth: officers, params: idParam },
  { tag: 'compliance', method: 'get', path: '/api/compliance/reports/deals/{id}/csv', summary: 'The deal investor report as CSV', auth: officers, params: idParam },
  { tag: 'compliance', method: 'get', path: '/api/compliance/reports/deals/{id}/form-d', summary: 'Form D figures: offered, sold, accredited and non-accredited investors, first sale', auth: officers, params: idParam },
  { tag: 'compliance', method: 'get', path: '/api/investor/compliance/reg-cf-allowance', summary: 'What the caller may still invest under Reg CF in the next 12 months (17 CFR 227.100(a)(2))', auth: 'user' },
  { tag: 'compliance', method: 'get', path: '/api/investor/compliance/reg-cf-education', summary: 'The Reg CF educational materials and the caller’s acknowledgement (227.302(b))', auth: 'user' },
  { tag: 'compliance', method: 'post', path: '/api/investor/compliance/reg-cf-education', summary: 'Acknowledge the Reg CF educational materials (227.303(b)(2))', auth: 'user', body: regCfEducationAcknowledgementInput },
  { tag: 'compliance', method: 'get', path: '/api/investor/deals/{id}/disclosure-502b', summary: 'Receive the Rule 502(b) disclosure of a 506(b) deal (the delivery is recorded)', auth: 'user', params: idParam },
  { tag: 'compliance', method: 'post', path: '/api/investor/deals/{id}/disclosure-502b', summary: 'Acknowledge the Rule 502(b) disclosure delivered', auth: 'user', params: idParam, body: disclosureAcknowledgementInput },
  { tag: 'compliance', method: 'post', path: '/api/investor/deals/{id}/purchaser-representative', summary: 'Name a purchaser representative for a 506(b) deal (230.501(i))', auth: 'user', params: idParam, body: purchaserRepresentativeInput, status: 201 },
  { tag: 'compliance', method: 'get', path: '/api/deals/{id}/invitations', summary: 'Investors invited to a 506(b) deal (230.502(c)); issuer and staff', auth: 'user', params: idParam },
  { tag: 'compliance', method: 'post', path: '/api/deals/{id}/invitations', summary: 'Record a pre-existing relationship with an investor for a 506(b) deal', auth: 'user', params: idParam, body: dealInvitationInput, status: 201 },
  { tag: 'compliance', method: 'get', path: '/api/issuer/bad-actor-certification', summary: 'The caller’s issuer’s latest bad-actor certification (230.506(d), 227.503)', auth: ['issuer'] },
  { tag: 'compliance', method: 'post', path: '/api/issuer/bad-actor-certification', summary: 'Certify that no covered person has a disqualifying event', auth: ['issuer'], body: badActorCertificationInput, status: 201 },
  { tag: 'compliance', method: 'post', path: '/api/admin/issuers/{id}/affiliates', summary: 'Record an affiliated issuer (Reg CF $5M per 12 months, 227.100(a)(1))', auth: ['tenant_admin'], params: idParam, body: issuerAffiliateInput, status: 201 },
  { tag: 'compliance', method: 'get', path: '/api/compliance/deals/{id}/summary', summary: 'Per deal: 506(b) count, Form D deadline and filings, bad-actor certification, Reg S category', auth: officers, params: idParam },
  { tag: 'compliance', method: 'post', path: '/api/compliance/deals/{id}/form-d-filings', summary: 'Record a Form D filing (230.503)', auth: officers, params: idParam, body: formDFilingInput, status: 201 },
  { tag: 'compliance', method: 'get', path: '/api/admin/compliance-settings', summary: 'The tenant’s compliance settings (countries, 506(c) window, investment limit, suitability, verification level per action, screening threshold) with defaults', auth: ['tenant_admin'] },
  { tag: 'compliance', method: 'patch', path: '/api/admin/compliance-settings', summary: 'Change the tenant’s compliance settings; only the fields sent change. verificationLevels: browse, invest, investAbove {level, amounts per currency in minor units; strictly above}, trade', auth: ['tenant_admin'], body: complianceSettingsPatch },
] as const;
