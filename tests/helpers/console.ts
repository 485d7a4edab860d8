import { randomBytes } from 'node:crypto';
import { POST as consoleLogin } from '../../src/app/api/platform/auth/login/route';
import { POST as consoleMfa } from '../../src/app/api/platform/auth/mfa/route';
import { base32Decode, hotp } from '../../src/server/auth/totp';
import { createPlatformAdmin } from '../../src/server/platform/console/sign-in';
import { consoleHost } from '../../src/server/tenancy/resolve';
import { call } from './api';

export const CONSOLE_PASSWORD = 'Operator-Lantern-Quarry-77';

/** The authenticator app's code for a time step (default: now). */
export function totpCode(secret: string, at = Date.now()): string {
  return hotp(base32Decode(secret), Math.floor(at / 1000 / 30));
}

export type ConsoleAdminFixture = { id: string; email: string; secret: string };

export async function makeConsoleAdmin(): Promise<ConsoleAdminFixture> {
  const email = `operator-${randomBytes(4).toString('hex')}@platform.test`;
  const { id, secret } = await createPlatformAdmin({ email, name: 'Olga Operator', password: CONSOLE_PASSWORD });
  return { id, email, secret };
}

/** Signs in (password + code) on the console host; the cookies a browser would then send. */
export async function consoleSession(a: ConsoleAdminFixture, codeAt = Date.now()): Promise<{ cookies: Record<string, string>; headers: Record<string, string> }> {
  const host = consoleHost();
  const step1 = await call(consoleLogin, { host, path: '/api/platform/auth/login', body: { email: a.email, password: CONSOLE_PASSWORD } });
  if (step1.status !== 200) throw new Error(`console login: ${step1.status} ${JSON.stringify(step1.json)}`);
  const step2 = await call(consoleMfa, { host, path: '/api/platform/auth/mfa', body: { mfaToken: step1.json.mfaToken, code: totpCode(a.secret, codeAt) } });
  if (step2.status !== 200) throw new Error(`console mfa: ${step2.status} ${JSON.stringify(step2.json)}`);
  return { cookies: step2.cookies, headers: { 'x-csrf-token': step2.cookies.cdp_csrf! } };
}
