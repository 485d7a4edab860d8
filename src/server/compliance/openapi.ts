import { z } from 'zod';
import { accreditationDecisionInput, accreditationInput, accreditationListQuery, checksQuery, complianceSettingsPatch, declarationInput, suitabilityInput } from './schema';

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
  { tag: 'compliance', method: 'get', path: '/api/admin/compliance-settings', summary: 'The tenant’s compliance settings (countries, 506(c) window, investment limit, suitability, verification level per action, screening threshold) with defaults', auth: ['tenant_admin'] },
  { tag: 'compliance', method: 'patch', path: '/api/admin/compliance-settings', summary: 'Change the tenant’s compliance settings; only the fields sent change. verificationLevels: browse, invest, investAbove {level, amounts per currency in minor units; strictly above}, trade', auth: ['tenant_admin'], body: complianceSettingsPatch },
] as const;
