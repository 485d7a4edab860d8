import { z } from 'zod';
import { amountField } from '../money';
import { REG_CF_LIMIT } from './rules/investment-limit';
import { MIN_KNOWLEDGE_EXPERIENCE_POINTS } from './rules/reg-d-506b';
import { REG_CF_EDUCATION_VERSION } from './rules/reg-cf-education';

// The compliance API contract and the tenant's compliance settings (tenant.settings.compliance).

const country = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE');
const cents = z.string().regex(/^\d{1,30}$/);

export const suitabilityQuestion = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,49}$/),
  text: z.string().min(1).max(500),
  options: z.array(z.object({ value: z.string().regex(/^[a-z0-9_]{1,50}$/), label: z.string().min(1).max(200), points: z.number().int().min(0).max(100) })).min(2).max(10),
  /**
   * What the question measures. Only knowledge_experience answers count toward the 506(b)
   * sophistication minimum (230.506(b)(2)(ii)); a question without it counts for nothing there.
   */
  measures: z.enum(['knowledge_experience', 'financial_situation', 'risk']).optional(),
});
export type SuitabilityQuestion = z.infer<typeof suitabilityQuestion>;

// One definition per setting, shared by the stored settings (defaults, lenient) and the
// admin's PATCH (strict, no defaults).
const countryList = z.array(country).max(250);
const windowDays = z.number().int().min(1).max(3650);
/** 230.506(c)(2)(ii)(B)/(C): net-worth documents and a professional's verification count for three months; a tenant may set less, never more. */
const windowDaysPatch = z.number().int().min(1).max(90, 'must be at most 90: net-worth documents and a professional’s letter verify for three months at most (17 CFR 230.506(c)(2)(ii)(B), (C))');
const percent = z.number().int().min(0).max(100);
const appliesTo = z.enum(['reg_cf', 'all']);
const bandName = z.string().min(1).max(50);
const band = { band: bandName, minScore: z.number().int().min(0) };
const bandList = z.array(z.object(band)).min(1).max(10);
const knowledgePoints = z.number().int().min(MIN_KNOWLEDGE_EXPERIENCE_POINTS, `must be at least ${MIN_KNOWLEDGE_EXPERIENCE_POINTS}: a non-accredited 506(b) purchaser without a purchaser representative must show knowledge and experience (17 CFR 230.506(b)(2)(ii))`).max(1000);
const level = z.enum(['none', 'basic', 'standard', 'enhanced', 'accredited'], { error: 'must be none, basic, standard, enhanced or accredited' });
const thresholdAmounts = z
  .record(z.string().regex(/^[A-Z0-9]{2,10}$/, 'currency must be a code such as USD or USDC'), z.string().regex(/^\d{1,30}$/, 'must be an amount in minor units (digits only, e.g. "1000000" for 10,000.00 USD)'))
  .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 50, 'give a threshold for 1 to 50 currencies');
const investAbove = { level, amounts: thresholdAmounts };

/** tenant.settings.compliance, with the defaults a tenant gets when it sets nothing. */
export const compliancePolicySettings = z
  .object({
    allowedCountries: countryList.nullable().default(null),
    blockedCountries: countryList.default([]),
    accreditationWindowDays: windowDays.default(90),
    investmentLimit: z
      .object({
        appliesTo: appliesTo.default('reg_cf'),
        floorUsdCents: cents.default('250000'),
        thresholdUsdCents: cents.default('12400000'),
        lowerPercent: percent.default(5),
        upperPercent: percent.default(10),
        capUsdCents: cents.default('12400000'),
      })
      .prefault({}),
    suitability: z
      .object({
        questions: z.array(suitabilityQuestion).min(1).max(30).optional(),
        bands: bandList.default([
          { band: 'low', minScore: 0 },
          { band: 'medium', minScore: 8 },
          { band: 'high', minScore: 14 },
        ]),
        minimumBand: bandName.default('medium'),
        /** The points a non-accredited 506(b) purchaser must score on knowledge_experience questions (default questionnaire: "A few investments"). */
        minimumKnowledgeExperiencePoints: knowledgePoints.default(2),
      })
      .prefault({}),
    /** The verification level each action needs; the defaults keep every action open. */
    verificationLevels: z
      .object({
        browse: level.default('none'),
        invest: level.default('none'),
        investAbove: z.object(investAbove).nullable().default(null),
        trade: level.default('none'),
      })
      .prefault({}),
  })
  .prefault({});
export type CompliancePolicySettings = z.infer<typeof compliancePolicySettings>;

const centsAtMost = (max: string, what: string) =>
  cents.refine((v) => BigInt(v) <= BigInt(max), `must be at most ${max} (US cents): ${what} of 17 CFR 227.100(a)(2) cannot be raised by a tenant`);

/** PATCH /api/admin/compliance-settings: only the fields sent change; unknown fields are refused. */
export const complianceSettingsPatch = z.strictObject({
  allowedCountries: countryList.nullable().optional(),
  blockedCountries: countryList.optional(),
  accreditationWindowDays: windowDaysPatch.optional(),
  /** 227.100(a)(2): a tenant may make the Reg CF limit stricter, never looser (the law's figures are the bounds). */
  investmentLimit: z
    .strictObject({
      appliesTo,
      floorUsdCents: centsAtMost(REG_CF_LIMIT.floorUsdCents, 'the floor'),
      thresholdUsdCents: cents.refine((v) => BigInt(v) >= BigInt(REG_CF_LIMIT.thresholdUsdCents), `must be at least ${REG_CF_LIMIT.thresholdUsdCents} ($124,000): a lower threshold would let more investors into the 10% tier than 17 CFR 227.100(a)(2) allows`),
      lowerPercent: percent.max(REG_CF_LIMIT.lowerPercent, `must be at most ${REG_CF_LIMIT.lowerPercent}: 17 CFR 227.100(a)(2)(i) allows 5%`),
      upperPercent: percent.max(REG_CF_LIMIT.upperPercent, `must be at most ${REG_CF_LIMIT.upperPercent}: 17 CFR 227.100(a)(2)(ii) allows 10%`),
      capUsdCents: centsAtMost(REG_CF_LIMIT.capUsdCents, 'the cap'),
    })
    .partial()
    .optional(),
  suitability: z.strictObject({ bands: z.array(z.strictObject(band)).min(1).max(10), minimumBand: bandName, minimumKnowledgeExperiencePoints: knowledgePoints }).partial().optional(),
  /** Per action: browse (deal list and detail), invest, investAbove (amount per currency in minor units, strictly above), trade (P2P). */
  verificationLevels: z.strictObject({ browse: level, invest: level, investAbove: z.strictObject(investAbove).nullable(), trade: level }).partial().optional(),
  /** settings.screening.threshold: the name-match score (0..1] at which screening opens a review item. */
  screeningThreshold: z.number().gt(0).max(1).optional(),
});
export type ComplianceSettingsPatch = z.infer<typeof complianceSettingsPatch>;

/** deals.compliance as stored, read leniently: fields the deals schema may add later are optional here. */
export const storedDealCompliance = z.object({
  regimes: z.array(z.enum(['reg_d_506b', 'reg_d_506c', 'reg_s', 'reg_cf', 'reg_a_tier1', 'reg_a_tier2'])).default([]),
  allowedCountries: z.array(z.string()).optional(),
  blockedCountries: z.array(z.string()).optional(),
  minimumVerificationLevel: z.enum(['none', 'basic', 'standard', 'enhanced', 'accredited']).optional(),
  minimumSuitabilityBand: z.string().optional(),
  regSCategory: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  reportingIssuer: z.boolean().optional(),
  formC: z.object({ fileNumber: z.string(), filedOn: z.string() }).optional(),
  countryInvestorLimit: z.object({ max: z.number().int(), countries: z.array(z.string()).nullable().default(null), nonAccreditedOnly: z.boolean().default(true), basis: z.string().optional() }).optional(),
});

export const declarationInput = z.strictObject({
  residenceCountry: country,
  residenceSubdivision: z.string().trim().toUpperCase().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, 'must be an ISO 3166-2 code such as UA-43').nullable().optional(),
  nationality: country,
  isUsPerson: z.boolean(),
  investorType: z.enum(['natural_person', 'entity']),
  annualIncome: amountField('annualIncome').optional(),
  /** 501(a)(6): income jointly with a spouse or spousal equivalent. */
  jointAnnualIncome: amountField('jointAnnualIncome').optional(),
  netWorth: amountField('netWorth').optional(),
  /**
   * 227.303(b)(1): the investor's Reg CF purchases through other platforms, each with its day.
   * Omitted: the entries stated before are kept; sent: they replace them ([] clears them).
   */
  externalRegCfInvestments: z
    .array(
      z.strictObject({
        amount: amountField('amount').refine((v) => /[1-9]/.test(v), 'amount must be more than 0'),
        investedOn: z.iso.date({ error: 'must be a date such as 2026-01-31' }),
        intermediary: z.string().trim().min(1).max(200).optional(),
      }),
    )
    .max(100)
    .optional(),
});
export type DeclarationInput = z.infer<typeof declarationInput>;

export const suitabilityInput = z.strictObject({ answers: z.record(z.string(), z.string()) });

const representation = z.strictObject({
  method: z.literal('minimum_investment_representation'),
  // Bound to one deal: the representation is about the minimum investment in that offering.
  dealId: z.uuid({ error: 'dealId must be the UUID of the deal the representation is for' }),
  accredited: z.literal(true, { error: 'You must represent that you are an accredited investor' }),
  noThirdPartyFinancing: z.literal(true, { error: 'You must represent that no third party finances the minimum investment' }),
  statement: z.string().trim().min(10, 'statement must be the signed representation text').max(5000),
});
/**
 * 230.506(c)(2)(ii)(E): an investor verified before (within five years) re-verifies by a
 * written statement at the time of sale that they are still accredited.
 */
const reverification = z.strictObject({
  method: z.literal('reverification_statement'),
  accredited: z.literal(true, { error: 'You must state that you are still an accredited investor' }),
  statement: z.string().trim().min(10, 'statement must be the signed written statement').max(5000),
});
/**
 * The 501(a) category the evidence shows, with its figures (checked against the thresholds when
 * submitted, accreditation.ts categoryErrors). Amounts in U.S. dollars.
 */
const accreditationCategory = z.discriminatedUnion(
  'kind',
  [
    // 501(a)(6): $200,000 alone or $300,000 jointly in each of the two most recent years.
    z.strictObject({ kind: z.literal('income'), years: z.array(z.strictObject({ year: z.number().int(), amount: amountField('amount'), joint: z.boolean() })).length(2, 'years must give the two most recent years') }),
    // 501(a)(5): $1,000,000 alone or jointly, excluding the primary residence.
    z.strictObject({ kind: z.literal('net_worth'), amount: amountField('amount'), joint: z.boolean(), primaryResidenceExcluded: z.literal(true, { error: 'the primary residence must be excluded (17 CFR 230.501(a)(5)(i))' }) }),
    // 501(a)(10): Series 7, 65 or 82 in good standing.
    z.strictObject({ kind: z.literal('professional_certification'), licence: z.enum(['series_7', 'series_65', 'series_82'], { error: 'licence must be series_7, series_65 or series_82 (17 CFR 230.501(a)(10))' }), crdNumber: z.string().regex(/^\d{1,10}$/, 'crdNumber must be the FINRA CRD number') }),
    // 501(a)(11): a knowledgeable employee (17 CFR 270.3c-5(a)(4)) of the private fund that issues.
    z.strictObject({ kind: z.literal('knowledgeable_employee'), fund: z.string().trim().min(1).max(200), role: z.string().trim().min(1).max(200) }),
    // 501(a)(9): an entity owning investments of more than $5,000,000, not formed to acquire the securities.
    z.strictObject({ kind: z.literal('entity_investments'), amount: amountField('amount'), formedForThisInvestment: z.literal(false, { error: 'an entity formed to acquire these securities does not qualify (17 CFR 230.501(a)(9))' }) }),
    // 501(a)(12): a family office with more than $5,000,000 under management, not formed to acquire the securities.
    z.strictObject({ kind: z.literal('family_office'), assetsUnderManagement: amountField('assetsUnderManagement'), formedForThisInvestment: z.literal(false, { error: 'a family office formed to acquire these securities does not qualify (17 CFR 230.501(a)(12))' }) }),
  ],
  { error: 'category.kind must be income, net_worth, professional_certification, knowledgeable_employee, entity_investments or family_office' },
);
export type AccreditationCategory = z.infer<typeof accreditationCategory>;

const documents = z.strictObject({
  method: z.enum(['letter_from_professional', 'income_documents', 'net_worth_documents', 'category_documents']),
  category: accreditationCategory.optional(),
  documentReference: z.string().trim().min(1).max(500),
  /** The date of the documents (net worth: the statements; income: the latest return) or of the professional's letter: the 506(c) window runs from it. */
  documentDate: z.iso.date({ error: 'documentDate must be the date of the documents or letter, such as 2026-01-31' }),
  professional: z
    .strictObject({ name: z.string().trim().min(1).max(200), kind: z.enum(['broker_dealer', 'investment_adviser', 'attorney', 'cpa']), licence: z.string().trim().max(100).optional() })
    .optional(),
  note: z.string().trim().max(2000).optional(),
});
export const accreditationInput = z
  .discriminatedUnion('method', [representation, reverification, documents])
  .refine((v) => v.method !== 'letter_from_professional' || v.professional !== undefined, {
    path: ['professional'],
    message: 'A letter needs the professional who wrote it (broker-dealer, investment adviser, attorney or CPA)',
  })
  .superRefine((v, ctx) => {
    if (!('category' in v) && v.method !== 'category_documents') return;
    const kind = 'category' in v ? v.category?.kind : undefined;
    const fits: Record<string, string[]> = {
      income_documents: ['income'],
      net_worth_documents: ['net_worth'],
      category_documents: ['professional_certification', 'knowledgeable_employee', 'entity_investments', 'family_office'],
    };
    const allowed = fits[v.method];
    if (allowed && (!kind || !allowed.includes(kind))) ctx.addIssue({ code: 'custom', path: ['category', 'kind'], message: `${v.method} needs a category of kind ${allowed.join(', ')}` });
  });
export type AccreditationInput = z.infer<typeof accreditationInput>;

export const accreditationListQuery = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const isoDate = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' });
export const accreditationDecisionInput = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(2000).optional(),
    expiresAt: isoDate.optional(),
  })
  .refine((v) => v.decision === 'approve' || (v.reason !== undefined && v.reason.length >= 3), { path: ['reason'], message: 'A reason of at least 3 characters is required to reject' });
export type AccreditationDecisionInput = z.infer<typeof accreditationDecisionInput>;

export const checksQuery = z.strictObject({
  dealId: z.uuid({ error: 'dealId must be a UUID' }).optional(),
  userId: z.uuid({ error: 'userId must be a UUID' }).optional(),
  outcome: z.enum(['allowed', 'blocked', 'review']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ChecksQuery = z.infer<typeof checksQuery>;

/** POST /api/investor/deals/[id]/disclosure-502b: the package (its hash, from the GET) the investor acknowledges receiving. */
export const disclosureAcknowledgementInput = z.strictObject({
  acknowledged: z.literal(true, { error: 'acknowledged must be true: you acknowledge receiving the disclosure' }),
  packageSha256: z.string().regex(/^[0-9a-f]{64}$/, 'packageSha256 must be the packageSha256 of the disclosure you were delivered'),
});

/**
 * POST /api/investor/deals/[id]/purchaser-representative (230.501(i)): not an affiliate,
 * director, officer or other employee of the issuer or a beneficial owner of 10% of it; has the
 * knowledge and experience; acknowledged in writing by the purchaser; discloses material relationships.
 */
export const purchaserRepresentativeInput = z.strictObject({
  name: z.string().trim().min(1, 'name is required').max(200),
  qualifications: z.string().trim().min(20, 'qualifications must describe the representative’s knowledge and experience in financial and business matters (20+ characters)').max(5000),
  materialRelationships: z.string().trim().min(1, 'materialRelationships must disclose any material relationship with the issuer or its affiliates, or say "none"').max(5000),
  notIssuerAffiliate: z.literal(true, { error: 'notIssuerAffiliate must be true: an affiliate, director, officer or employee of the issuer or a 10% owner cannot be your purchaser representative (17 CFR 230.501(i)(1))' }),
  acknowledged: z.literal(true, { error: 'acknowledged must be true: you acknowledge in writing that this person is your purchaser representative for this investment (17 CFR 230.501(i)(3))' }),
});
export type PurchaserRepresentativeInput = z.infer<typeof purchaserRepresentativeInput>;

/** POST /api/deals/[id]/invitations: the investor (a member of the tenant) with whom the issuer has a pre-existing substantive relationship. */
export const dealInvitationInput = z.strictObject({
  email: z.email({ error: 'email must be the email address of a member' }).max(254),
  note: z.string().trim().max(1000).optional(),
});
export type DealInvitationInput = z.infer<typeof dealInvitationInput>;

/** POST /api/issuer/bad-actor-certification (230.506(d), (e); 227.503). */
export const badActorCertificationInput = z.strictObject({
  coveredPersons: z
    .array(z.strictObject({ name: z.string().trim().min(1).max(200), role: z.string().trim().min(1).max(100) }))
    .min(1, 'coveredPersons must list every covered person inquired about (directors, executive officers, 20% owners, promoters...)')
    .max(200)
    // Optional when the issuer keeps its covered persons on record (/api/issuer/covered-persons): those are certified.
    .optional(),
  noDisqualifyingEvents: z.literal(true, { error: 'noDisqualifyingEvents must be true: an issuer with a disqualifying event cannot sell under Rule 506 or Regulation Crowdfunding (17 CFR 230.506(d), 227.503)' }),
  priorEventsDisclosure: z.string().trim().min(1).max(10000).optional(),
  statement: z.string().trim().min(20, 'statement must be the signed certification text (20+ characters)').max(5000),
});
export type BadActorCertificationInput = z.infer<typeof badActorCertificationInput>;

/** POST /api/compliance/deals/[id]/form-d-filings (230.503). */
export const formDFilingInput = z.strictObject({
  kind: z.enum(['initial', 'amendment'], { error: 'kind must be initial or amendment' }),
  secFileNumber: z.string().trim().regex(/^021-\d{5,6}$/, 'secFileNumber must be the SEC file number of the Form D, such as 021-123456'),
  filedOn: z.iso.date({ error: 'filedOn must be the day EDGAR accepted the filing, such as 2026-01-31' }),
});
export type FormDFilingInput = z.infer<typeof formDFilingInput>;

const mustConfirm = (what: string) => z.literal(true, { error: `must be true: you confirm ${what} (17 CFR 227.303(b)(2))` });
/** POST /api/investor/compliance/reg-cf-education (227.303(b)(2)). */
export const regCfEducationAcknowledgementInput = z.strictObject({
  version: z.literal(REG_CF_EDUCATION_VERSION, { error: `version must be ${REG_CF_EDUCATION_VERSION}, the materials you reviewed` }),
  reviewedMaterials: mustConfirm('you reviewed the educational materials'),
  mayLoseEntireInvestment: mustConfirm('you understand you may lose your entire investment'),
  canBearLoss: mustConfirm('you can bear that loss'),
  understandsCancellation: mustConfirm('you understand the limits on cancelling a commitment'),
  understandsResaleRestrictions: mustConfirm('you understand the restrictions on resale'),
});
export type RegCfEducationAcknowledgementInput = z.infer<typeof regCfEducationAcknowledgementInput>;

/** POST /api/admin/issuers/[id]/affiliates (227.100(a)(1)). */
export const issuerAffiliateInput = z.strictObject({ affiliateIssuerId: z.uuid({ error: 'affiliateIssuerId must be the UUID of another issuer' }) });

// ---------------------------------------------------------------- issue 23, second part

export const MATERIAL_CHANGE_KINDS = ['amount', 'terms', 'valuation', 'deadline', 'use_of_proceeds', 'key_terms', 'other'] as const;
/** POST /api/issuer/deals/[id]/material-changes (227.304(c)). */
export const materialChangeInput = z.strictObject({
  kinds: z
    .array(z.enum(MATERIAL_CHANGE_KINDS, { error: `each kind must be one of ${MATERIAL_CHANGE_KINDS.join(', ')}` }))
    .min(1, 'kinds must say what changed (amount, terms, valuation, deadline, use_of_proceeds, key_terms, other)')
    .max(7)
    .transform((k) => [...new Set(k)]),
  description: z.string().trim().min(20, 'description must tell investors what changed (20+ characters)').max(4000),
  endsAt: z.iso.datetime({ offset: true, error: 'endsAt must be an ISO date-time, the new offering deadline' }).optional(),
});
export type MaterialChangeInput = z.infer<typeof materialChangeInput>;

/** POST /api/investments/[id]/reconfirm (227.304(c)). */
export const reconfirmInput = z.strictObject({
  reconfirm: z.literal(true, { error: 'reconfirm must be true: you reconfirm your commitment after the change (17 CFR 227.304(c)); to withdraw, cancel the investment instead' }),
});

/** PUT /api/investor/compliance/purchaser-counting and /api/compliance/investors/[id]/purchaser-counting (230.501(e)). */
export const purchaserCountingInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('household_member'),
      countedWithEmail: z.email({ error: 'countedWithEmail must be the email of the purchaser you share a primary residence with' }).max(254),
      relationship: z.enum(['spouse', 'relative', 'spouse_relative'], { error: 'relationship must be spouse, relative or spouse_relative (17 CFR 230.501(e)(1)(i), (ii))' }),
      sharesPrimaryResidence: z.literal(true, { error: 'sharesPrimaryResidence must be true: only a relative sharing the purchaser’s primary residence counts as one with them (17 CFR 230.501(e)(1)(i))' }),
      statement: z.string().trim().min(10).max(2000),
    }),
    z.strictObject({
      kind: z.literal('controlled_entity'),
      countedWithEmail: z.email({ error: 'countedWithEmail must be the email of the purchaser who owns the entity' }).max(254),
      ownershipPercent: z.number({ error: 'ownershipPercent must be a number' }).gt(50, 'ownershipPercent must be more than 50 (17 CFR 230.501(e)(1)(iii))').max(100),
      statement: z.string().trim().min(10).max(2000),
    }),
    z.strictObject({
      kind: z.literal('formed_to_invest'),
      nonAccreditedOwners: z.number({ error: 'nonAccreditedOwners must be a number' }).int().min(1, 'nonAccreditedOwners must be at least 1').max(1000),
      statement: z.string().trim().min(10).max(2000),
    }),
  ],
  { error: 'kind must be household_member, controlled_entity or formed_to_invest' },
);
export type PurchaserCountingInput = z.infer<typeof purchaserCountingInput>;

export const COVERED_PERSON_ROLES = ['director', 'executive_officer', 'officer', 'general_partner', 'managing_member', 'beneficial_owner_20', 'promoter', 'compensated_solicitor'] as const;
export const DISQUALIFYING_EVENT_TYPES = [
  'criminal_conviction',
  'court_injunction',
  'regulatory_final_order',
  'sec_disciplinary_order',
  'sec_cease_and_desist',
  'sro_suspension_expulsion',
  'sec_stop_order',
  'usps_false_representation',
] as const;
/** POST /api/issuer/covered-persons (230.506(d)(1)). */
export const coveredPersonInput = z.strictObject({
  name: z.string().trim().min(2, 'name is required').max(200),
  role: z.enum(COVERED_PERSON_ROLES, { error: `role must be one of ${COVERED_PERSON_ROLES.join(', ')} (17 CFR 230.506(d)(1))` }),
  inquiryMethod: z.string().trim().min(10, 'inquiryMethod must say how the person was inquired into (questionnaire, background check, court and regulator records...; 10+ characters)').max(2000).optional(),
});
export type CoveredPersonInput = z.infer<typeof coveredPersonInput>;
/** POST /api/issuer/covered-persons/[id]/inquiry (230.506(d)(2)(iv)). */
export const coveredPersonInquiryInput = z.strictObject({
  inquiryMethod: z.string().trim().min(10, 'inquiryMethod must say how the person was inquired into (10+ characters)').max(2000),
});
/** POST /api/issuer/covered-persons/[id]/events (230.506(d)(1)(i)-(viii)). */
export const disqualifyingEventInput = z.strictObject({
  eventType: z.enum(DISQUALIFYING_EVENT_TYPES, { error: `eventType must be one of ${DISQUALIFYING_EVENT_TYPES.join(', ')} (17 CFR 230.506(d)(1))` }),
  eventDate: z.iso.date({ error: 'eventDate must be the day of the conviction, order or injunction, such as 2015-03-31' }),
  orderReference: z.string().trim().min(2, 'orderReference must identify the order, judgment or conviction').max(500),
  description: z.string().trim().max(4000).optional(),
});
export type DisqualifyingEventInput = z.infer<typeof disqualifyingEventInput>;
/** POST /api/compliance/covered-person-events/[id]/waiver (230.506(d)(2)(ii)). */
export const eventWaiverInput = z.strictObject({
  waiverReference: z.string().trim().min(2, 'waiverReference must identify the Commission’s waiver (release or letter)').max(500),
});
/** POST /api/compliance/holdings/[id]/stop-transfer (230.502(d)). */
export const liftStopTransferInput = z.strictObject({
  reason: z.string().trim().min(10, 'reason must say why the restriction no longer applies, e.g. Rule 144 satisfied with an opinion of counsel (10+ characters)').max(1000),
});
