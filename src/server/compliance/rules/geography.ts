import { SANCTIONED_COUNTRIES, SANCTIONED_SUBDIVISIONS, SANCTIONS_LIST_REVIEWED } from './sanctioned-jurisdictions';
import type { Rule } from './types';

const RULE = 'geography';

/**
 * Residence against, in order: the comprehensive-sanctions list, the tenant's lists, the
 * deal's lists. An allow list that exists must name the country; with no country known,
 * an allow list fails closed and the block lists have nothing to match.
 */
export const geography: Rule = (facts, deal, _attempt, policy) => {
  const country = facts.declaration?.residenceCountry ?? facts.profileCountry;
  const subdivision = facts.declaration?.residenceSubdivision ?? null;
  const inputs = {
    residenceCountry: country,
    residenceSubdivision: subdivision,
    sanctionsListReviewed: SANCTIONS_LIST_REVIEWED,
    tenantAllowed: policy.allowedCountries,
    tenantBlocked: policy.blockedCountries,
    dealAllowed: deal.allowedCountries,
    dealBlocked: deal.blockedCountries,
  };
  const fail = (reason: string) => ({ rule: RULE, outcome: 'fail' as const, code: 'compliance_geo_blocked', reason, inputs });
  const allowLists = [policy.allowedCountries, deal.allowedCountries].filter((l): l is string[] => l !== null);
  if (!country) {
    if (allowLists.length > 0) return { rule: RULE, outcome: 'fail', code: 'compliance_geo_unknown_residence', reason: 'This offering is open only to residents of listed countries; declare your country of residence first', inputs };
    return { rule: RULE, outcome: 'not_applicable', code: 'no_residence', reason: 'No residence known and no allow list applies', inputs };
  }
  if (SANCTIONED_COUNTRIES.includes(country)) return fail(`Residents of ${country} cannot invest: the country is under comprehensive sanctions`);
  if (subdivision && SANCTIONED_SUBDIVISIONS.includes(subdivision)) return fail(`Residents of ${subdivision} cannot invest: the region is under comprehensive sanctions`);
  if (policy.blockedCountries.includes(country)) return fail(`This platform does not accept investors resident in ${country}`);
  if (policy.allowedCountries && !policy.allowedCountries.includes(country)) return fail(`This platform accepts investors resident only in ${policy.allowedCountries.join(', ')}`);
  if (deal.blockedCountries?.includes(country)) return fail(`This offering is not open to residents of ${country}`);
  if (deal.allowedCountries && !deal.allowedCountries.includes(country)) return fail(`This offering is open only to residents of ${deal.allowedCountries.join(', ')}`);
  return { rule: RULE, outcome: 'pass', code: 'allowed', reason: `Residence ${country} is not restricted`, inputs };
};
