import { expect, test } from '@playwright/test';
import { lookChecks, must } from './support/pages';
import { api, liveDeal, logIn, origin, RUN, token } from './support/platform';

// Issue 15: the issuer curates a deal's content on /issuer/deals/[id]/content (key terms, FAQs,
// required documents, documents, media, updates); investors see it on the deal page, with the
// deal groups it belongs to.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const PDF = Buffer.from(`%PDF-1.7\n% term sheet ${RUN}\n%%EOF\n`);

test('an issuer adds key terms, FAQs, requirements, a document, a picture and an update, edits a key term and the update, and investors see them', async ({ page }) => {
  const deal = await liveDeal('alpha', `Millbrook Bakery Ovens ${RUN}`);
  await logIn(page, 'alpha', 'issuer@alpha.example');
  await page.getByRole('link', { name: deal.title }).click();
  await page.getByRole('link', { name: 'Content', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Deal content' })).toBeVisible();

  const keyTerms = page.getByTestId('content-key-terms');
  await keyTerms.getByLabel('Label', { exact: true }).fill('Interest rate');
  await keyTerms.getByLabel('Value', { exact: true }).fill('6.5% a year, paid quarterly');
  await keyTerms.getByRole('button', { name: 'Add key term' }).click();
  await expect(keyTerms.getByTestId('key-term-list')).toContainText('Interest rate: 6.5% a year, paid quarterly');
  await keyTerms.getByLabel('Label', { exact: true }).fill('Temporary');
  await keyTerms.getByLabel('Value', { exact: true }).fill('to be removed');
  await keyTerms.getByRole('button', { name: 'Add key term' }).click();
  await expect(keyTerms.getByTestId('key-term-list')).toContainText('Temporary');
  await keyTerms.getByRole('button', { name: 'Remove the key term Temporary' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(keyTerms.getByTestId('key-term-list')).not.toContainText('Temporary');

  const faqs = page.getByTestId('content-faqs');
  await faqs.getByRole('button', { name: 'Add FAQ' }).click();
  await expect(faqs.getByText('Question is required')).toBeVisible();
  await faqs.getByLabel('Question', { exact: true }).fill('When are the ovens installed?');
  await faqs.getByLabel('Answer', { exact: true }).fill('In March, during the two-week spring closure.');
  await faqs.getByRole('button', { name: 'Add FAQ' }).click();
  await expect(faqs.getByTestId('faq-list')).toContainText('When are the ovens installed?');

  const required = page.getByTestId('content-required-documents');
  await required.getByLabel('Document name', { exact: true }).fill('Proof of funds');
  await required.getByLabel('What it must show', { exact: true }).fill('A bank statement from the last three months.');
  await required.getByLabel('Required to invest').check();
  await required.getByRole('button', { name: 'Add requirement' }).click();
  await expect(required.getByTestId('required-document-list')).toContainText('Proof of funds');

  // A document: a bad kind is named under its field, then the upload works.
  const docs = page.getByTestId('content-documents');
  await docs.getByLabel('Title', { exact: true }).fill('Term sheet');
  await docs.getByLabel('Kind', { exact: true }).fill('Term Sheet');
  await docs.getByLabel('File', { exact: true }).setInputFiles({ name: 'term-sheet.pdf', mimeType: 'application/pdf', buffer: PDF });
  await docs.getByRole('button', { name: 'Upload document' }).click();
  await expect(docs.getByText(/Kind must be lower-case letters/)).toBeVisible();
  await docs.getByLabel('Kind', { exact: true }).fill('term_sheet');
  await docs.getByRole('button', { name: 'Upload document' }).click();
  await expect(docs.getByTestId('document-list')).toContainText('Term sheet');

  const media = page.getByTestId('content-media');
  await media.getByLabel('Caption', { exact: true }).fill('The new deck ovens');
  await media.getByLabel('Image or video', { exact: true }).setInputFiles({ name: 'ovens.png', mimeType: 'image/png', buffer: PNG });
  await media.getByRole('button', { name: 'Upload media' }).click();
  await expect(media.getByTestId('media-list').getByRole('img', { name: 'The new deck ovens' })).toBeVisible();

  const updates = page.getByTestId('content-updates');
  await updates.getByLabel('Update title', { exact: true }).fill('Ovens ordered');
  await updates.getByLabel('Text', { exact: true }).fill('We signed the order with the **manufacturer** today.');
  await updates.getByRole('button', { name: 'Post update' }).click();
  await expect(updates.getByTestId('update-list')).toContainText('Ovens ordered');

  // Editing what is already published: a key term's value and an update's title.
  await keyTerms.getByRole('button', { name: 'Edit the key term Interest rate' }).click();
  await page.getByRole('dialog').getByLabel('Value', { exact: true }).fill('6.75% a year, paid quarterly');
  await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
  await expect(keyTerms.getByTestId('key-term-list')).toContainText('Interest rate: 6.75% a year, paid quarterly');
  await updates.getByRole('button', { name: 'Edit the update “Ovens ordered”' }).click();
  await page.getByRole('dialog').getByLabel('Update title', { exact: true }).fill('Ovens ordered and paid');
  await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
  await expect(updates.getByTestId('update-list')).toContainText('Ovens ordered and paid');

  // A deal group (campaign) the admin puts the deal in.
  const admin = await token('alpha', 'admin@alpha.example');
  const group = await must(api('alpha', 'POST', '/api/deal-groups', { token: admin, json: { name: `Main Street Makers ${RUN}`, slug: `main-street-${RUN}`, description: 'Local food businesses.' } }), 'group');
  await must(api('alpha', 'POST', `/api/deal-groups/${group.id}/deals`, { token: admin, json: { dealId: deal.id } }), 'add to group');

  // What an investor reads on the deal page.
  const investor = await page.context().browser()!.newContext();
  const reader = await investor.newPage();
  await logIn(reader, 'alpha', 'investor1@alpha.example');
  await reader.goto(`${origin('alpha')}/deals/${deal.slug}`);
  await expect(reader.getByRole('row', { name: /Interest rate/ })).toContainText('6.75% a year, paid quarterly');
  await expect(reader.getByTestId('deal-faqs')).toContainText('When are the ovens installed?');
  await expect(reader.getByTestId('deal-media').getByRole('img', { name: 'The new deck ovens' })).toBeVisible();
  expect(await reader.getByTestId('deal-media').getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(reader.getByTestId('deal-requirements')).toContainText('Proof of funds');
  await expect(reader.getByRole('region', { name: 'Documents' })).toContainText('Term sheet');
  await expect(reader.getByRole('region', { name: 'Updates from the issuer' })).toContainText('Ovens ordered and paid');
  await expect(reader.getByTestId('deal-groups')).toContainText(`Main Street Makers ${RUN}`);
  await investor.close();
});

test('deal content pages are for the deal’s issuer only', async ({ page }) => {
  const deal = await liveDeal('alpha', `Quarry Lane Studios ${RUN}`);
  await logIn(page, 'alpha', 'investor1@alpha.example');
  await page.goto(`${origin('alpha')}/issuer/deals/${deal.id}/content`);
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
  // Another tenant's issuer cannot write to this deal through the API.
  const other = await token('beta', 'issuer@beta.example');
  expect((await api('beta', 'POST', `/api/deals/${deal.id}/faqs`, { token: other, json: { question: 'pwned?', answer: '' } })).status).toBe(404);
});

test('issuer content pages: axe in light and dark, and 375 px without sideways scrolling', async ({ browser }) => {
  test.setTimeout(240_000);
  const deal = await liveDeal('alpha', `Orchard Cold Store ${RUN}`);
  const issuer = await token('alpha', 'issuer@alpha.example');
  await must(api('alpha', 'POST', `/api/deals/${deal.id}/key-terms`, { token: issuer, json: { label: 'Term', value: 'Five years' } }), 'key term');
  await must(api('alpha', 'POST', `/api/deals/${deal.id}/faqs`, { token: issuer, json: { question: 'Who runs it?', answer: 'The orchard co-op.' } }), 'faq');
  await lookChecks(browser, 'alpha', 'issuer@alpha.example', [
    { path: `/issuer/deals/${deal.id}/content`, name: 'issuer-deal-content' },
    { path: `/deals/${deal.slug}`, name: 'deal-page-with-content' },
  ]);
});
