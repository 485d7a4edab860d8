import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe-core on the page as it is now (WCAG 2.1 A/AA): zero serious or critical violations. */
export async function scan(page: Page, label: string) {
  // Next.js streams metadata: after router.refresh() the page's <title> is re-sent a moment after
  // the content. Every page must have one; wait for it rather than scan the gap in between.
  await expect(page, `${label}: the page has a title`).toHaveTitle(/\S/);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').join(' ')}`).join('\n')}`).join('\n');
  expect(bad, `${label}\n${report}`).toEqual([]);
}
