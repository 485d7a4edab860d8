import { expect, test } from '@playwright/test';
import { api, liveDeal, logIn, origin, RUN, verifiedIssuer } from './support/platform';

// Issue 23: a compliance officer (here the tenant admin) sees a covered person's disqualifying event
// on the offering's compliance page and records the Commission's waiver (17 CFR 230.506(d)(2)(ii)).

async function must(p: ReturnType<typeof api>, what: string) {
  const r = await p;
  if (r.status >= 400) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

test('a disqualifying event of a covered person is shown and waived from the compliance page', async ({ page }) => {
  const issuer = await verifiedIssuer('alpha');
  const deal = await liveDeal('alpha', `Waiver Test Offering ${RUN}`, { compliance: { regimes: ['reg_d_506c'] } });
  const name = `Eve Officer ${RUN}`;
  const person = await must(api('alpha', 'POST', '/api/issuer/covered-persons', { token: issuer, json: { name, role: 'executive_officer', inquiryMethod: 'Questionnaire and court records searched' } }), 'covered person');
  await must(api('alpha', 'POST', `/api/issuer/covered-persons/${person.id}/events`, { token: issuer, json: { eventType: 'sec_cease_and_desist', eventDate: '2019-05-01', orderReference: `Release 33-${RUN}` } }), 'event');

  await logIn(page, 'alpha', 'admin@alpha.example');
  await page.goto(`${origin('alpha')}/compliance/deals/${deal.id}/form-d`);
  const event = page.getByTestId('covered-person-event').filter({ hasText: name });
  await expect(event).toContainText('Disqualifies');
  await event.getByLabel(`Waiver of ${name}'s sec cease and desist`).fill('x');
  await event.getByRole('button', { name: 'Record waiver' }).click();
  await expect(event.getByLabel(`Waiver of ${name}'s sec cease and desist`)).toHaveAttribute('aria-invalid', 'true');
  await event.getByLabel(`Waiver of ${name}'s sec cease and desist`).fill('Release 33-10999');
  await event.getByRole('button', { name: 'Record waiver' }).click();
  await expect(page.getByTestId('covered-person-event').filter({ hasText: name })).toContainText('Waived (Release 33-10999)');

  // The issuer certifies again, covering the new person, so its other offerings keep selling in this run.
  await must(api('alpha', 'POST', '/api/issuer/bad-actor-certification', { token: issuer, json: { noDisqualifyingEvents: true, statement: 'After a factual inquiry, no covered person has a disqualifying event that is not waived.' } }), 'certify');
});
