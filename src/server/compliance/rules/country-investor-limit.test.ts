import { describe, expect, it } from 'vitest';
import { countryInvestorLimit } from './country-investor-limit';
import { accreditation, deal, declaration, facts, NOW, policy, usdAttempt } from './fixtures.test-support';

const limited = deal({ countryInvestorLimit: { max: 149, countries: ['DE', 'FR'], nonAccreditedOnly: true, basis: 'EU private placement' } });
const de = (others: number, self = false) => facts({ declaration: declaration(), countryPurchasers: { country: 'DE', others, self } });
const run = (f: ReturnType<typeof facts>, d = limited) => countryInvestorLimit(f, d, usdAttempt(100), policy(), NOW);

describe('per-country investor limit set per deal', () => {
  it('admits the 149th investor of a country (148 others) and refuses the 150th; one already counted invests again', () => {
    expect(run(de(148)).outcome).toBe('pass');
    const r = run(de(149));
    expect(r).toMatchObject({ outcome: 'fail', code: 'compliance_country_investor_limit' });
    expect(r.reason).toContain('EU private placement');
    expect(run(de(149, true)).outcome).toBe('pass');
  });
  it('does not count accredited investors when it counts non-accredited only; other countries are not limited; unknown residence fails closed', () => {
    expect(run(facts({ declaration: declaration(), accreditations: [accreditation()], countryPurchasers: { country: 'DE', others: 149, self: false } })).code).toBe('accredited');
    expect(run(facts({ declaration: declaration({ residenceCountry: 'IT' }) })).outcome).toBe('not_applicable');
    expect(run(facts()).code).toBe('compliance_country_investor_limit_residence_required');
    expect(run(de(1000), deal()).outcome).toBe('not_applicable');
  });
});
