import { expect, test } from '@playwright/test';
import { accountWith, lookChecks, must } from './support/pages';
import { api, logIn, token } from './support/platform';

// A tenant admin sees where a person is signed in (device, address, since, last seen) and signs
// one device or all of them out; both are in the audit log.
test('an admin ends one of a user’s sessions, then all of them, and the audit log shows both', async ({ page, browser }) => {
  const person = await accountWith('alpha', ['investor'], 'Sally', 'Sessions');
  const second = await token('alpha', person.email); // a second signed-in session
  const admin = await token('alpha', 'admin@alpha.example');

  await logIn(page, 'alpha', 'admin@alpha.example');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('searchbox', { name: 'Search users' }).fill(person.email);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: `Sessions of ${person.email}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions of Sally Sessions' })).toBeVisible();
  await expect(page.getByTestId('session-row')).toHaveCount(2);

  await page.getByTestId('session-row').first().getByRole('button', { name: /^End the session on / }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End session' }).click();
  await expect(page.getByTestId('session-row')).toHaveCount(1);
  const statuses = [(await api('alpha', 'GET', '/api/profile', { token: person.token })).status, (await api('alpha', 'GET', '/api/profile', { token: second })).status];
  expect(statuses.sort()).toEqual([200, 401]);

  await page.getByRole('button', { name: 'End all sessions' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'End all sessions' }).click();
  await expect(page.getByText('is not signed in anywhere')).toBeVisible();
  const sessions = await must(api('alpha', 'GET', `/api/admin/users/${person.id}/sessions`, { token: admin }), 'sessions');
  expect(sessions.sessions).toEqual([]);
  const log = await must(api('alpha', 'GET', `/api/admin/audit-logs?targetId=${person.id}`, { token: admin }), 'audit');
  expect(log.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['user.session_revoked', 'user.sessions_revoked']));

  await token('alpha', person.email);
  await lookChecks(browser, 'alpha', 'admin@alpha.example', [{ path: `/admin/users/${person.id}/sessions`, name: 'user sessions' }]);
});
