import { expect, test } from '@playwright/test';
import { liveDeal, logIn, RUN } from './support/platform';

// Issue 23: the issuer records a covered person and the inquiry into them, certifies that no
// covered person is a bad actor (17 CFR 230.506(d)), and invites a member to its 506(b) offering
// (230.502(c)), all on /issuer/compliance.

test('an issuer records a covered person, certifies, and invites a member to a 506(b) offering', async ({ page }) => {
  const deal = await liveDeal('alpha', `Invitation Only Fund ${RUN}`, { compliance: { regimes: ['reg_d_506b'] } });
  await logIn(page, 'alpha', 'issuer@alpha.example');
  await page.getByRole('link', { name: 'Compliance' }).click();
  await page.waitForURL(/\/issuer\/compliance$/);

  const persons = page.getByTestId('covered-persons');
  await persons.getByLabel('Full name').fill(`Dana Director ${RUN}`);
  await persons.getByLabel('Role').selectOption('director');
  await persons.getByRole('button', { name: 'Add covered person' }).click();
  const dana = persons.getByTestId('covered-person').filter({ hasText: `Dana Director ${RUN}` });
  await expect(dana.getByTestId('covered-person-inquiry')).toHaveText('No inquiry recorded yet');

  // The certification needs an inquiry into everyone on record (506(d)(2)(iv)).
  const cert = page.getByTestId('bad-actor-certification');
  await cert.getByLabel('After a factual inquiry, no covered person listed has a disqualifying event').check();
  await cert.getByLabel('Signed statement').fill('Ines Issuer, CEO: after a factual inquiry no covered person is disqualified.');
  await cert.getByRole('button', { name: 'Certify' }).click();
  await expect(cert.getByRole('alert')).toContainText('factual inquiry');

  await dana.getByLabel(`Inquiry into Dana Director ${RUN}`).fill('Questionnaire, court and FINRA records searched');
  await dana.getByRole('button', { name: 'Record inquiry' }).click();
  await expect(dana.getByTestId('covered-person-inquiry')).toContainText('Questionnaire, court and FINRA records searched');
  await cert.getByRole('button', { name: 'Certify' }).click();
  await expect(cert.getByText('Certification recorded.')).toBeVisible();
  await expect(cert).toContainText('valid until');

  const invitations = page.getByTestId('deal-invitations').filter({ hasText: deal.title });
  await invitations.getByLabel("Member's email").fill('nobody@example.org');
  await invitations.getByRole('button', { name: 'Invite' }).click();
  await expect(invitations.getByLabel("Member's email")).toHaveAttribute('aria-invalid', 'true');
  await invitations.getByLabel("Member's email").fill('investor2@alpha.example');
  await invitations.getByLabel('Relationship').fill('long-standing client');
  await invitations.getByRole('button', { name: 'Invite' }).click();
  await expect(invitations.getByTestId('invitation-list')).toContainText('investor2@alpha.example');
});
