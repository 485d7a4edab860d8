import { describe, expect, it } from 'vitest';
import { declaration, deal, facts, NOW, policy, usdAttempt } from './fixtures.test-support';
import { regCfIssuerLimit } from './reg-cf-issuer-limit';

const cf = deal({ regimes: ['reg_cf'] });
const run = (sold: string | null, dollars: number, d = cf, f = facts()) => regCfIssuerLimit({ ...f, regCfIssuerSoldUsdCents: sold }, d, usdAttempt(dollars), policy(), NOW);

describe('Reg CF issuer limit with affiliates (227.100(a)(1))', () => {
  it('admits a sale reaching exactly $5,000,000 in 12 months and refuses one cent more', () => {
    expect(run('400000000', 1_000_000).outcome).toBe('pass');
    const over = run('400000001', 1_000_000);
    expect(over).toMatchObject({ outcome: 'fail', code: 'compliance_reg_cf_issuer_limit' });
    expect(over.reason).toContain('227.100(a)(1)');
    expect(run(null, 1).code).toBe('compliance_reg_cf_issuer_limit_currency');
  });
  it('does not concern other offerings or the Reg S buyer', () => {
    expect(run('999999999999', 1, deal({ regimes: ['reg_d_506c'] })).outcome).toBe('not_applicable');
    expect(run('999999999999', 1, deal({ regimes: ['reg_cf', 'reg_s'] }), facts({ declaration: declaration() })).outcome).toBe('not_applicable');
  });
});
