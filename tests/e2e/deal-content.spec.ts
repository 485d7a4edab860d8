import http from 'node:http';
import { expect, test } from '@playwright/test';
import { api, liveDeal, logIn, origin, PORT, RUN, verifiedIssuer } from './support/platform';

// A raw-body upload (the documents API takes the file as the request body).
function upload(path: string, bearer: string, bytes: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: PORT, method: 'POST', path, headers: { host: `alpha.localhost:${PORT}`, authorization: `Bearer ${bearer}`, 'content-type': 'application/pdf', 'content-length': bytes.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

test('a signed-in investor reads FAQs and documents of a deal and posts a comment that appears', async ({ page }) => {
  const deal = await liveDeal('alpha', `Harbour Tidal Turbines ${RUN}`);
  const issuer = await verifiedIssuer('alpha');
  const faq = await api('alpha', 'POST', `/api/deals/${deal.id}/faqs`, { token: issuer, json: { question: 'When are distributions paid?', answer: 'Every quarter, from the power sales.' } });
  expect(faq.status).toBe(201);
  expect(await upload(`/api/deals/${deal.id}/documents?title=Offering%20memorandum&kind=offering_memorandum&fileName=memorandum.pdf&requiredForInvestors=true`, issuer, PDF)).toBe(201);

  // Anonymous visitors see the FAQs but are asked to log in for documents.
  await page.goto(`${origin('alpha')}/deals/${deal.slug}`);
  await expect(page.getByRole('heading', { name: 'Documents' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log in to read documents' })).toBeVisible();

  await logIn(page, 'alpha', 'investor2@alpha.example');
  await page.goto(`${origin('alpha')}/deals/${deal.slug}`);
  await expect(page.getByRole('heading', { name: deal.title, level: 1 })).toBeVisible();

  // FAQ: a native disclosure, closed until opened.
  const answer = page.getByText('Every quarter, from the power sales.');
  await expect(answer).toBeHidden();
  await page.getByText('When are distributions paid?').click();
  await expect(answer).toBeVisible();

  const docs = page.getByTestId('deal-documents');
  await expect(docs).toContainText('Offering memorandum');
  await expect(docs.getByRole('link', { name: /Download Offering memorandum/ })).toHaveAttribute('href', /^\/api\/documents\//);

  const text = `Is the turbine warranty transferable? ${RUN}`;
  await page.getByLabel('Ask a question or comment').fill(text);
  await page.getByRole('button', { name: 'Post comment' }).click();
  const comment = page.getByTestId('comment').filter({ hasText: text });
  await expect(comment).toBeVisible();
  await expect(comment).toContainText('Iris I.');
  await expect(page.getByLabel('Ask a question or comment')).toHaveValue('');

  // The post survived a reload (it came from the server, not only local state).
  await page.reload();
  await expect(page.getByTestId('comment').filter({ hasText: text })).toBeVisible();
});
