import { defineConfig } from '@playwright/test';

// Browser end-to-end tests. Run through `npm run test:e2e` (scripts/e2e.ts), which starts the
// platform on its own data directory and ports and stops it afterwards. Debian's Chromium
// only: Playwright never downloads a browser here.
const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  // One retry: a test that passes only on its second try is listed as "flaky" in the report and is a
  // defect to fix (the known one: refresh-token rotation racing a navigation, docs in the session note),
  // but it does not fail a whole CI run of real-platform browser tests on a loaded machine.
  retries: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: 'test-results/e2e-report', open: 'never' }]],
  use: {
    baseURL: `http://alpha.localhost:${port}`,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 45_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium' }],
});
