import http from 'node:http';
import { expect, test } from '@playwright/test';
import { origin, PORT } from './support/platform';

// What every page owes a browser and a crawler: an icon, a title and a description in <head>,
// and a layout that does not jump while the deals list replaces its skeleton.

function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; location?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: PORT, path, headers: { host: `alpha.localhost:${PORT}`, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), location: res.headers.location, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

test('/favicon.ico is an icon on every tenant host, and pages link to it', async ({ page }) => {
  const ico = await raw('/favicon.ico');
  expect(ico.status).toBe(200);
  expect(ico.type).toBe('image/x-icon');
  expect(ico.body.readUInt16LE(2)).toBe(1);
  await page.goto(`${origin('beta')}/deals`);
  await expect(page.locator('head link[rel="icon"]').first()).toHaveAttribute('href', /\/favicon\.ico|\/api\/files\//);
  // Node does not resolve *.localhost: the second tenant is asked by its Host header.
  const beta = await raw('/favicon.ico', { host: `beta.localhost:${PORT}` });
  expect([200, 302]).toContain(beta.status);
});

test('a crawler gets the title and the description in <head>', async () => {
  const r = await raw('/deals', { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' });
  const head = r.body.toString('utf8').split('</head>')[0]!;
  expect(head).toMatch(/<title>[^<]*Deals[^<]*<\/title>|<title>[^<]+<\/title>/);
  expect(head).toMatch(/<meta name="description" content="[^"]+"/);
});

test('/deals does not shift its layout while it loads (CLS < 0.1, desktop)', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1350, height: 940 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    (window as unknown as { __cls: number }).__cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) (window as unknown as { __cls: number }).__cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(`${origin('alpha')}/deals`);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('a[href^="/deals/"]').first()).toBeVisible();
  await page.waitForTimeout(500); // let late shifts (fonts, images) be observed
  const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
  expect(cls).toBeLessThan(0.1);
  await context.close();
});

test('on a 375 px phone a visitor sees the logo, the Deals link and both buttons side by side, none over another', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await page.goto(`${origin('alpha')}/deals`);
  const header = page.locator('header');
  const boxes = await Promise.all(
    [header.getByRole('link', { name: 'Alpha Angels' }), header.getByRole('link', { name: 'Deals' }), header.getByRole('link', { name: 'Log in' }), header.getByRole('link', { name: 'Sign up' })].map(async (l) => {
      await expect(l).toBeInViewport({ ratio: 1 });
      return (await l.boundingBox())!;
    }),
  );
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x).toBeGreaterThanOrEqual(boxes[i - 1]!.x + boxes[i - 1]!.width - 0.5);
  await context.close();
});
