import { expect, test } from '@playwright/test';
import { origin, RUN } from './support/platform';

// Issue 23: an investor declares on /verification/accreditation that they share the home of
// another investor, so they count as one purchaser with them among the 35 non-accredited
// purchasers of a Rule 506(b) offering (17 CFR 230.501(e)(1)(i)).

test('an investor declares a shared home with another investor for the 501(e) count, then removes it', async ({ page }) => {
  await page.goto(`${origin('alpha')}/signup`);
  await page.getByLabel('First name').fill('Hal');
  await page.getByLabel('Last name').fill('Household');
  await page.getByLabel('Email').fill(`hal.${RUN}@example.org`);
  await page.getByLabel('Password').fill('correct horse battery staple 42');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/deals$/);

  await page.goto(`${origin('alpha')}/verification/accreditation`);
  const card = page.getByTestId('purchaser-counting');
  await expect(card).toContainText('230.501(e)');
  await card.getByLabel('I am').selectOption('household_member');
  await card.getByLabel("That investor's email").fill('investor1@alpha.example');
  await card.getByLabel('Relationship').selectOption('spouse');
  await card.getByLabel('Your statement').fill('Hal Household: we are married and live together.');
  await card.getByRole('button', { name: 'Save counting declaration' }).click();
  await expect(card.getByText('We share the same primary residence')).toBeVisible();
  await expect(card.getByRole('alert')).toContainText('230.501(e)(1)(i)');

  await card.getByLabel('We share the same primary residence').check();
  await card.getByRole('button', { name: 'Save counting declaration' }).click();
  await expect(card).toContainText('On record: Household member with investor1@alpha.example');

  await card.getByRole('button', { name: 'Remove declaration' }).click();
  await expect(card).not.toContainText('On record');
});
