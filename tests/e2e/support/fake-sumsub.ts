import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeKycProviderServer } from '../../fakes/kyc-provider-server';

// The local stand-in for Sumsub during the browser tests, so no test touches the internet.
// scripts/e2e.ts starts it in a child process (its own event loop: the runner blocks on
// Playwright) and hands the platform SUMSUB_BASE_URL and matching credentials.

export const FAKE_SUMSUB = { appToken: 'e2e-sumsub-app-token', secretKey: 'e2e-sumsub-secret-key', webhookSecret: 'e2e-sumsub-webhook-secret' };
/** The same fake also plays ShuftiPro (tests/e2e/investor-pages.spec.ts). */
export const FAKE_SHUFTI = { clientId: 'e2e-shufti', secretKey: 'e2e-shufti-secret' };

/** Starts the fake; resolves with the environment for the platform and for Playwright. */
export async function startFakeSumsub(): Promise<{ env: Record<string, string>; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), fileURLToPath(import.meta.url)], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, FAKE_SUMSUB_CHILD: '1' } });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /FAKE_SUMSUB_URL=(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the fake Sumsub exited (${code})`)));
  });
  return {
    env: { SUMSUB_BASE_URL: url, SUMSUB_APP_TOKEN: FAKE_SUMSUB.appToken, SUMSUB_SECRET_KEY: FAKE_SUMSUB.secretKey, SUMSUB_WEBHOOK_SECRET: FAKE_SUMSUB.webhookSecret, E2E_SUMSUB_URL: url, SHUFTI_BASE_URL: url, SHUFTI_CLIENT_ID: FAKE_SHUFTI.clientId, SHUFTI_SECRET_KEY: FAKE_SHUFTI.secretKey },
    stop: () => child.kill('SIGTERM'),
  };
}

if (process.env.FAKE_SUMSUB_CHILD === '1') {
  const server = await new FakeKycProviderServer({ sumsub: FAKE_SUMSUB, shufti: FAKE_SHUFTI }).start();
  console.log(`FAKE_SUMSUB_URL=${server.url}`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}
