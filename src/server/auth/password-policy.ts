import { readFileSync } from 'node:fs';
import { ValidationError } from '../errors';

// NIST SP 800-63B: at least 8 (we ask 12), allow at least 64 (we allow 128,
// which still bounds the argon2 input), no composition rules, check lists of
// common and breached passwords and context-specific words.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
// Shorter context words ("anna", "bob") would reject too many fine passwords.
const MIN_CONTEXT_WORD = 4;

export type PasswordContext = { email?: string; firstName?: string; lastName?: string };

let common: Set<string> | undefined;

// Read on first use only: the list is ~80 KB and most processes never check a password.
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trimEnd())
      .filter((line) => line !== '' && !line.startsWith('# ')),
  );
  return common;
}

function isCommon(lower: string): boolean {
  const list = commonPasswords();
  // "password2024!" is as weak as "password": strip a trailing run of digits
  // and punctuation and test what is left too.
  const stem = lower.replace(/[\d\p{P}\p{S}\s]+$/u, '');
  return list.has(lower) || (stem.length >= MIN_CONTEXT_WORD && list.has(stem));
}

/** Problems with a new password, in words a user can act on; empty means acceptable. */
export function checkPasswordPolicy(password: string, context: PasswordContext): string[] {
  const problems: string[] = [];
  // Count code points, so an emoji or accented letter counts once (as NIST asks).
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`Use at most ${PASSWORD_MAX_LENGTH} characters.`);
  if (length > 0 && /^(.)\1*$/su.test(password)) {
    problems.push('Do not use a single character repeated.');
  }

  const lower = password.toLowerCase();
  if (isCommon(lower)) problems.push('This password is too common; choose a less predictable one.');

  const emailLocal = context.email?.split('@')[0];
  if (containsWord(lower, emailLocal)) problems.push('Do not include your email address.');
  if (containsWord(lower, context.firstName) || containsWord(lower, context.lastName)) {
    problems.push('Do not include your name.');
  }
  return problems;
}

function containsWord(lowerPassword: string, word: string | undefined): boolean {
  const w = word?.trim().toLowerCase();
  return w !== undefined && [...w].length >= MIN_CONTEXT_WORD && lowerPassword.includes(w);
}

/** A 400 naming the field, with every problem, unless the password is acceptable. */
export function refuseWeakPassword(password: string, context: PasswordContext, field: string): void {
  const problems = checkPasswordPolicy(password, context);
  if (problems.length) throw new ValidationError(problems.map((message) => ({ field, message })));
}
