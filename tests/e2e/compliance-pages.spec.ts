import { expect, test } from '@playwright/test';
import { accountWith, fetchInPage, lookChecks, must, RUN_LETTERS, upload } from './support/pages';
import { api, logIn, origin, RUN, showcaseDeal, token } from './support/platform';

// Issue 15: the compliance officer's section. KYC applications, screening hits and
// accreditations are decided on their pages; deal reports and the audit log are read there.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** An investor with a manual KYC application holding a passport scan, waiting for review. */
async function applicant(first: string) {
  const who = await accountWith('alpha', ['investor'], first, `Applicant${RUN_LETTERS}`);
  const app = await must(api('alpha', 'POST', '/api/investor/kyc/applications', { token: who.token, json: { level: 'standard' } }), 'start KYC');
  const id = app.application?.id ?? app.id;
  await must(upload('alpha', `/api/investor/kyc/applications/${id}/documents?kind=passport`, who.token, PNG, 'image/png'), 'upload passport');
  return { ...who, applicationId: id as string, name: `${first} Applicant${RUN_LETTERS}` };
}

test('a compliance officer decides KYC, screening hits and accreditations, and reads reports and the audit log', async ({ page }) => {
  const deal = await showcaseDeal('alpha');
  const officer = await accountWith('alpha', ['compliance_officer'], 'Carla', 'Compliance');
  const admin = await token('alpha', 'admin@alpha.example');
  const [approveMe, retryMe] = await Promise.all([applicant('Kai'), applicant('Rhea')]);

  // Two people on a sanctions list uploaded for this run, screened on demand: two open hits.
  const listed = [`Quentin Marlowe${RUN_LETTERS}`, `Odile Fairweather${RUN_LETTERS}`];
  await must(upload('alpha', `/api/admin/screening-lists?name=${encodeURIComponent(`E2E list ${RUN}`)}&kind=sanctions`, admin, Buffer.from(['name,aliases,date_of_birth,countries', ...listed.map((n) => `${n},,,`)].join('\n')), 'text/csv'), 'upload list');
  const [clearMe, confirmMe] = await Promise.all(listed.map((n) => accountWith('alpha', ['investor'], n.split(' ')[0], n.split(' ')[1])));
  for (const p of [clearMe!, confirmMe!]) expect((await must(api('alpha', 'POST', `/api/compliance/screening/users/${p.id}/screen`, { token: admin }), 'screen')).opened).toBeGreaterThan(0);

  // An accreditation with income documents, and one to reject.
  const accredited = await accountWith('alpha', ['investor'], 'Amos', `Accredited${RUN_LETTERS}`);
  const rejected = await accountWith('alpha', ['investor'], 'Nora', `Notyet${RUN_LETTERS}`);
  const today = new Date().toISOString().slice(0, 10);
  for (const p of [accredited, rejected]) await must(api('alpha', 'POST', '/api/investor/accreditation', { token: p.token, json: { method: 'income_documents', documentReference: `tax returns ${RUN}`, documentDate: today } }), 'submit accreditation');

  await logIn(page, 'alpha', officer.email);
  await expect(page).toHaveURL(/\/compliance$/);
  const nav = page.getByRole('navigation', { name: 'Compliance' });

  // KYC: approve one application, ask the other for changes (a reason is required).
  await nav.getByRole('link', { name: 'KYC reviews' }).click();
  await page.getByRole('link', { name: approveMe.name }).click();
  await expect(page.getByTestId('kyc-documents')).toContainText('Passport');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download Passport' }).click();
  expect((await download).suggestedFilename()).toMatch(/^passport-/);
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('dialog').getByLabel('Note (optional)').fill('Passport matches the account holder.');
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText('there is nothing to decide')).toBeVisible();
  expect((await must(api('alpha', 'GET', `/api/compliance/kyc/applications/${approveMe.applicationId}`, { token: admin }), 'read app')).status).toBe('approved');

  await page.goto(`${origin('alpha')}/compliance/kyc/${retryMe.applicationId}`);
  await page.getByRole('button', { name: 'Request changes' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Request changes' })).toBeDisabled();
  await dialog.getByLabel('What must change').fill('The scan is too small to read; upload the photo page again.');
  await dialog.getByRole('button', { name: 'Request changes' }).click();
  // Decided once the dialog has closed and the page shows the reason it recorded.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('p', { hasText: 'Reason given:' })).toContainText('The scan is too small to read');
  expect((await must(api('alpha', 'GET', `/api/compliance/kyc/applications/${retryMe.applicationId}`, { token: admin }), 'read app')).status).toBe('retry');

  // Screening: clear one hit, confirm the other.
  await nav.getByRole('link', { name: 'Screening hits' }).click();
  await page.getByRole('button', { name: `Clear the hit on ${listed[0]}` }).click();
  await page.getByRole('dialog').getByLabel('Why it is not a match').fill('Different date of birth and nationality.');
  await page.getByRole('dialog').getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByRole('button', { name: `Clear the hit on ${listed[0]}` })).toHaveCount(0);
  await page.getByRole('button', { name: `Confirm the hit on ${listed[1]}` }).click();
  await page.getByRole('dialog').getByLabel('Why it is a match').fill('Same name, date of birth and passport country.');
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm match' }).click();
  await expect(page.getByRole('button', { name: `Confirm the hit on ${listed[1]}` })).toHaveCount(0);
  const { hits } = await must(api('alpha', 'GET', '/api/compliance/screening/hits?status=cleared', { token: admin }), 'cleared hits');
  expect(hits.some((h: any) => h.user.id === clearMe!.id)).toBe(true);
  await page.getByRole('navigation', { name: 'Hit status' }).getByRole('link', { name: 'Confirmed' }).click();
  await expect(page.getByTestId('hit-row').filter({ hasText: listed[1]! })).toContainText('Same name, date of birth');

  // Accreditations: approve with an expiry, reject with a reason.
  await nav.getByRole('link', { name: 'Accreditations' }).click();
  const expiry = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  await page.getByRole('button', { name: `Approve the accreditation of Amos Accredited${RUN_LETTERS}` }).click();
  await page.getByRole('dialog').getByLabel('Valid until (optional)').fill(expiry);
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('button', { name: `Approve the accreditation of Amos Accredited${RUN_LETTERS}` })).toHaveCount(0);
  await page.getByRole('button', { name: `Reject the accreditation of Nora Notyet${RUN_LETTERS}` }).click();
  await page.getByRole('dialog').getByLabel('Reason').fill('The returns are for a single year; send both years.');
  await page.getByRole('dialog').getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByRole('button', { name: `Reject the accreditation of Nora Notyet${RUN_LETTERS}` })).toHaveCount(0);
  const approved = await must(api('alpha', 'GET', '/api/compliance/accreditations?status=approved', { token: admin }), 'approved');
  const mine = approved.accreditations.find((a: any) => a.investor.userId === accredited.id);
  expect(mine.expiresAt.slice(0, 10)).toBe(expiry);

  // Reports: the showcase deal's summary, Form D figures, investors and the CSV.
  await nav.getByRole('link', { name: 'Deal reports' }).click();
  await page.getByRole('link', { name: deal.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: deal.title })).toBeVisible();
  await expect(page.getByTestId('report-form-d')).toContainText('Total offering amount');
  await expect(page.getByTestId('report-investor').first()).toBeVisible();
  const csvHref = await page.getByTestId('report-csv').getAttribute('href');
  const csv = await fetchInPage(page, csvHref!);
  expect(csv.status).toBe(200);
  expect(csv.type).toContain('text/csv');
  expect(csv.text).toContain('Accredited at sale');

  // The audit log shows the decisions just taken, filtered by action prefix.
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('textbox', { name: 'Action', exact: true }).fill('kyc.*');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'kyc.approve' }).first()).toBeVisible();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'kyc.retry' }).first()).toBeVisible();
  const auditCsv = await fetchInPage(page, (await page.getByTestId('audit-csv').getAttribute('href'))!);
  expect(auditCsv.text).toContain('kyc.approve');
});

test('the compliance section is for compliance officers and admins only', async ({ page }) => {
  await logIn(page, 'alpha', 'investor1@alpha.example');
  for (const path of ['/compliance', '/compliance/kyc', '/compliance/screening', '/compliance/accreditations', '/compliance/reports', '/compliance/audit']) {
    // The usual answer to a workspace the role lacks: the not-found page (status 200 once the skeleton streamed).
    await page.goto(`${origin('alpha')}${path}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Not found' }), path).toBeVisible();
  }
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review queues' })).toHaveCount(0);
});

test('compliance pages: axe in light and dark, and 375 px without sideways scrolling', async ({ browser }) => {
  test.setTimeout(240_000);
  const deal = await showcaseDeal('alpha');
  const officer = await accountWith('alpha', ['compliance_officer'], 'Cora', 'Checks');
  const app = await applicant('Lena');
  await lookChecks(browser, 'alpha', officer.email, [
    { path: '/compliance', name: 'compliance-queues' },
    { path: '/compliance/kyc', name: 'compliance-kyc' },
    { path: `/compliance/kyc/${app.applicationId}`, name: 'compliance-kyc-application' },
    { path: '/compliance/screening?status=confirmed', name: 'compliance-screening' },
    { path: '/compliance/accreditations?status=approved', name: 'compliance-accreditations' },
    { path: '/compliance/reports', name: 'compliance-reports' },
    { path: `/compliance/reports/${deal.id}`, name: 'compliance-report' },
    { path: '/compliance/audit', name: 'compliance-audit' },
  ]);
});
