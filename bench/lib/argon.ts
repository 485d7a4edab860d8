// The login ceiling: raw argon2id verification in this process, no HTTP and no database.
import { performance } from 'node:perf_hooks';
import { hashPassword, verifyPassword } from '../../src/server/auth/password';

export type VerifyRate = { count: number; seconds: number; perSecond: number };

async function loop(hash: string, plain: string, inFlight: number, ms: number): Promise<VerifyRate> {
  let count = 0;
  const t0 = performance.now();
  const end = t0 + ms;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        if (!(await verifyPassword(hash, plain)).ok) throw new Error('verifyPassword rejected the right password');
        count++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { count, seconds, perSecond: count / seconds };
}

/** A hash of `plain` with the platform's parameters, and a warmed-up verifier. */
export async function prepareVerify(plain: string): Promise<string> {
  const hash = await hashPassword(plain);
  await loop(hash, plain, 1, 300);
  return hash;
}

/** `inFlight` verifications at a time for `ms`: 1 keeps one core busy, more use libuv's thread pool on every core. */
export function verifyRate(hash: string, plain: string, inFlight: number, ms: number): Promise<VerifyRate> {
  return loop(hash, plain, inFlight, ms);
}
