import { describe, expect, it } from 'vitest';
import { geography } from './geography';
import { deal, declaration, facts, NOW, policy, usdAttempt } from './fixtures.test-support';

const run = (f = facts(), d = deal(), p = policy()) => geography(f, d, usdAttempt(100), p, NOW);

describe('geography rule', () => {
  it('is not applicable to an investor with no known residence when no allow list exists (plain deals behave as before)', () => {
    expect(run().outcome).toBe('not_applicable');
  });

  it.each(['CU', 'IR', 'KP', 'SY'])('blocks residents of comprehensively sanctioned %s on every tenant and deal', (c) => {
    const r = run(facts({ declaration: declaration({ residenceCountry: c }) }));
    expect(r).toMatchObject({ outcome: 'fail', code: 'compliance_geo_blocked' });
  });

  it('uses the profile country when nothing was declared', () => {
    expect(run(facts({ profileCountry: 'IR' })).code).toBe('compliance_geo_blocked');
  });

  it('blocks sanctioned regions of Ukraine but not the rest of Ukraine', () => {
    expect(run(facts({ declaration: declaration({ residenceCountry: 'UA', residenceSubdivision: 'UA-43' }) })).outcome).toBe('fail');
    expect(run(facts({ declaration: declaration({ residenceCountry: 'UA', residenceSubdivision: 'UA-30' }) })).outcome).toBe('pass');
  });

  it('applies the tenant block and allow lists', () => {
    const de = facts({ declaration: declaration({ residenceCountry: 'DE' }) });
    expect(run(de, deal(), policy({ blockedCountries: ['DE'] })).outcome).toBe('fail');
    expect(run(de, deal(), policy({ allowedCountries: ['FR'] })).outcome).toBe('fail');
    expect(run(de, deal(), policy({ allowedCountries: ['FR', 'DE'] })).outcome).toBe('pass');
  });

  it('applies the deal block and allow lists after the tenant lists', () => {
    const fr = facts({ declaration: declaration({ residenceCountry: 'FR' }) });
    expect(run(fr, deal({ blockedCountries: ['FR'] })).reason).toMatch(/not open to residents of FR/);
    expect(run(fr, deal({ allowedCountries: ['US'] })).outcome).toBe('fail');
    expect(run(fr, deal({ allowedCountries: ['FR'] })).outcome).toBe('pass');
  });

  it('fails closed when an allow list exists and the residence is unknown', () => {
    expect(run(facts(), deal({ allowedCountries: ['FR'] })).code).toBe('compliance_geo_unknown_residence');
  });

  it('records its inputs', () => {
    const r = run(facts({ profileCountry: 'FR' }), deal({ blockedCountries: ['IT'] }));
    expect(r.inputs).toMatchObject({ residenceCountry: 'FR', dealBlocked: ['IT'], sanctionsListReviewed: expect.any(String) });
  });
});
