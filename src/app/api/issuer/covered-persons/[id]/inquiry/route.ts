import { recordCoveredPersonInquiry } from '@/server/compliance/covered-persons';
import { coveredPersonInquiryInput } from '@/server/compliance/schema';
import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

/** The factual inquiry made into a covered person (reasonable care, 17 CFR 230.506(d)(2)(iv)). */
export const POST = route({ roles: ['issuer'], body: coveredPersonInquiryInput }, async ({ tenant, principal, params, body, meta }) =>
  recordCoveredPersonInquiry(tenant, principal, parseWith(idParams, params).id, body.inquiryMethod, meta),
);
