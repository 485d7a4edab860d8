import { expect, test } from '@playwright/test';
import { scan } from './support/axe';
import { accountWith, lookChecks, must, RUN_LETTERS } from './support/pages';
import { api, logIn, origin, token } from './support/platform';

// Emails in the reader's language: a member picks German for their emails in their
// notification settings; a tenant admin sets the community's default language and the
// footer (legal name, postal address) every email carries.

test('a member chooses German for their emails, and back to the community default', async ({ page, browser }) => {
  // Four more sign-ins and axe scans (light, dark, 1280 and 375 px) after the choice itself.
  test.slow();
  const who = await accountWith('beta', ['investor'], 'Greta', `Sprache${RUN_LETTERS}`);
  await logIn(page, 'beta', who.email);
  await page.goto(`${origin('beta')}/settings/notifications`);
  const language = page.getByLabel('Language', { exact: true });
  await expect(language).toHaveValue('');
  await expect(language.locator('option:checked')).toHaveText(/Community default \(English\)/);
  await language.selectOption({ label: 'Deutsch' });
  await expect(page.getByText('Saved. Your next emails use this language.')).toBeVisible();
  expect((await must(api('beta', 'GET', '/api/notifications/language', { token: who.token }), 'language')).effective).toBe('de');
  await page.reload();
  await expect(page.getByLabel('Language', { exact: true })).toHaveValue('de');
  await scan(page, 'notification settings with email language');
  await page.getByLabel('Language', { exact: true }).selectOption({ value: '' });
  await expect(page.getByText('Saved. Your next emails use this language.')).toBeVisible();
  expect((await must(api('beta', 'GET', '/api/notifications/language', { token: who.token }), 'language')).locale).toBeNull();
  await lookChecks(browser, 'beta', who.email, [{ path: '/settings/notifications', name: 'notification-settings-language' }]);
});

test('a tenant admin sets the default email language and the footer, and a member sees the new default', async ({ page }) => {
  const member = await accountWith('beta', ['investor'], 'Dora', `Default${RUN_LETTERS}`);
  await logIn(page, 'beta', 'admin@beta.example');
  await page.goto(`${origin('beta')}/admin/branding`);
  await expect(page.getByRole('heading', { name: 'Emails' })).toBeVisible();
  await page.getByLabel('Default language').selectOption({ label: 'Deutsch' });
  await page.getByLabel('Legal name').fill(`Beta Capital ${RUN_LETTERS} GmbH`);
  await page.getByLabel('Postal address').fill('Hafenstraße 1\n20457 Hamburg');
  await page.getByRole('button', { name: 'Save email settings' }).click();
  await expect(page.getByText('Email settings saved.')).toBeVisible();
  expect((await must(api('beta', 'GET', '/api/notifications/language', { token: member.token }), 'language')).effective).toBe('de');
  await page.reload();
  await expect(page.getByLabel('Legal name')).toHaveValue(`Beta Capital ${RUN_LETTERS} GmbH`);
  await expect(page.getByLabel('Default language')).toHaveValue('de');
  await scan(page, 'admin branding with email settings');
  // Other specs run on this instance after this one: English again.
  await page.getByLabel('Default language').selectOption({ label: 'English' });
  await page.getByRole('button', { name: 'Save email settings' }).click();
  await expect(page.getByText('Email settings saved.')).toBeVisible();
  const admin = await token('beta', 'admin@beta.example');
  expect((await must(api('beta', 'GET', '/api/admin/email-settings', { token: admin }), 'email settings')).defaultLocale).toBe('en');
});
