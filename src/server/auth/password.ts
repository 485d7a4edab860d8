import { hash, verify, type Algorithm } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

/**
 * OWASP Password Storage Cheat Sheet, argon2id option 2 (m=19 MiB, t=2, p=1).
 * `algorithm` is the value of @node-rs/argon2's `Algorithm.Argon2id`: that enum
 * is an ambient `const enum`, which isolatedModules cannot read at run time.
 */
export const ARGON2_PARAMS = {
  algorithm: 2 as Algorithm,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export type PasswordCheck = { ok: boolean; needsRehash: boolean };

const FAILED: PasswordCheck = { ok: false, needsRehash: false };

// PHC string as written by argon2 implementations: $argon2id$v=19$m=..,t=..,p=..$salt$hash
const ARGON2_PHC = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
// Modular crypt bcrypt: $2a$/$2b$/$2y$, two-digit cost, 22-char salt + 31-char hash.
const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, ARGON2_PARAMS);
}

/**
 * Verifies against argon2 (any variant) or a legacy bcrypt hash. `needsRehash`
 * tells the caller to store hashPassword(plain) now, while it has the plain
 * text: set for bcrypt and for argon2 weaker than ARGON2_PARAMS. A malformed
 * stored hash is a failed login, never an exception.
 */
export async function verifyPassword(storedHash: string, plain: string): Promise<PasswordCheck> {
  const argon = ARGON2_PHC.exec(storedHash);
  if (argon) {
    const ok = await verify(storedHash, plain).catch(() => false);
    return ok ? { ok, needsRehash: isWeakerArgon2(argon) } : FAILED;
  }
  if (BCRYPT.test(storedHash)) {
    const ok = await bcrypt.compare(plain, storedHash).catch(() => false);
    return ok ? { ok, needsRehash: true } : FAILED;
  }
  return FAILED;
}

function isWeakerArgon2([, variant, version, m, t]: RegExpExecArray): boolean {
  return (
    variant !== 'argon2id' ||
    Number(version) < 19 ||
    Number(m) < ARGON2_PARAMS.memoryCost ||
    Number(t) < ARGON2_PARAMS.timeCost
  );
}

let dummyHash: Promise<string> | undefined;

/**
 * For a login with an unknown email: spends what a real verification spends,
 * so response time does not reveal which emails have accounts. The reference
 * hash is made once, lazily, with the same parameters as real ones.
 */
export async function dummyVerify(plain: string): Promise<void> {
  dummyHash ??= hash('dummy-password-for-timing-only', ARGON2_PARAMS);
  await verify(await dummyHash, plain).catch(() => false);
}
