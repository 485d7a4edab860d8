import { expect, test } from '@playwright/test';
import { api, liveDeal, logIn, origin, PASSWORD, RUN, token, verifiedIssuer } from './support/platform';

// Issue 23: the issuer records a material change to a Reg CF offering on /issuer/compliance; the
// investor with a commitment sees it on /portfolio and reconfirms (17 CFR 227.304(c)).

async function must(p: ReturnType<typeof api>, what: string) {
  const r = await p;
  if (r.status >= 400) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

test('an investor reconfirms a Reg CF commitment after the issuer records a material change', async ({ page }) => {
  const issuer = await verifiedIssuer('alpha');
  await must(
    api('alpha', 'POST', '/api/issuer/bad-actor-certification', {
      token: issuer,
      json: { coveredPersons: [{ name: 'Ines Issuer', role: 'director' }], noDisqualifyingEvents: true, statement: 'After a factual inquiry, no covered person has a disqualifying event.' },
    }),
    'certify',
  );
  const deal = await liveDeal('alpha', `Crowd Bakery ${RUN}`, { compliance: { regimes: ['reg_cf'] } });

  const email = `reconfirm.${RUN}@example.org`;
  await must(api('alpha', 'POST', '/api/auth/register', { json: { email, password: PASSWORD, firstName: 'Rae', lastName: 'Confirm' } }), 'register');
  const investor = await token('alpha', email);
  const education = await must(api('alpha', 'GET', '/api/investor/compliance/reg-cf-education', { token: investor }), 'education');
  await must(
    api('alpha', 'POST', '/api/investor/compliance/reg-cf-education', {
      token: investor,
      json: { version: education.version, reviewedMaterials: true, mayLoseEntireInvestment: true, canBearLoss: true, understandsCancellation: true, understandsResaleRestrictions: true },
    }),
    'acknowledge',
  );
  await must(api('alpha', 'PUT', '/api/investor/compliance/declaration', { token: investor, json: { residenceCountry: 'US', nationality: 'US', isUsPerson: true, investorType: 'natural_person', annualIncome: '50000', netWorth: '80000' } }), 'declare');
  await must(api('alpha', 'POST', `/api/deals/${deal.id}/invest`, { token: investor, json: { amount: '1000', paymentMethod: 'wire' } }), 'invest');

  await logIn(page, 'alpha', 'issuer@alpha.example');
  await page.goto(`${origin('alpha')}/issuer/compliance`);
  const card = page.getByTestId('material-changes').filter({ hasText: deal.title });
  await card.getByRole('button', { name: 'Record material change' }).click();
  await expect(card.getByRole('alert').first()).toBeVisible();
  await card.getByLabel('Valuation').check();
  await card.getByLabel('What investors need to know').fill('The pre-money valuation falls from $4M to $3M after the audit.');
  await card.getByRole('button', { name: 'Record material change' }).click();
  await expect(card.getByText('Change recorded; investors were asked to reconfirm.')).toBeVisible();
  await expect(card.getByTestId('material-change-list')).toContainText('0 of 1 reconfirmed');

  await page.context().clearCookies();
  await logIn(page, 'alpha', email);
  await page.goto(`${origin('alpha')}/portfolio`);
  const pending = page.getByTestId('reconfirmation').filter({ hasText: deal.title });
  await expect(pending).toContainText('The pre-money valuation falls from $4M to $3M');
  await pending.getByRole('button', { name: 'Reconfirm my investment' }).click();
  await expect(page.getByTestId('reconfirmations')).toHaveCount(0);
});
