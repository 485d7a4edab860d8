import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from './password-policy';

const none = {};

describe('checkPasswordPolicy', () => {
  it('accepts a long passphrase with no composition rules', () => {
    expect(checkPasswordPolicy('violet tractor over the moon', none)).toEqual([]);
    expect(checkPasswordPolicy('zebrafish lanterns', { email: 'ann.smith@example.com', firstName: 'Ann', lastName: 'Smith' })).toEqual([]);
  });

  it('enforces 12 to 128 characters, counting an emoji as one', () => {
    expect(checkPasswordPolicy('short pass', none)).toEqual(['Use at least 12 characters.']);
    expect(checkPasswordPolicy('kq8#vz-1mw!', none)).toHaveLength(1); // 11
    expect(checkPasswordPolicy('kq8#vz-1mw!x', none)).toEqual([]); // 12
    expect(checkPasswordPolicy('🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊🦊', none)).toContain('Use at least 12 characters.');
    expect(checkPasswordPolicy('ab'.repeat(64), none)).toEqual([]); // 128
    expect(checkPasswordPolicy(`${'ab'.repeat(64)}c`, none)).toEqual(['Use at most 128 characters.']);
  });

  it('rejects common passwords from the shipped list, case-insensitively', () => {
    const common = 'This password is too common; choose a less predictable one.';
    expect(checkPasswordPolicy('password1234', none)).toEqual([common]);
    expect(checkPasswordPolicy('PassWord1234', none)).toEqual([common]);
    expect(checkPasswordPolicy('qwertyuiop123', none)).toContain(common);
    expect(checkPasswordPolicy('1qaz2wsx3edc', none)).toEqual([common]);
  });

  it('rejects a common password with digits or symbols tacked on', () => {
    expect(checkPasswordPolicy('sunshine2024!!', none)).toEqual(['This password is too common; choose a less predictable one.']);
    expect(checkPasswordPolicy('sunshine meadow 2024', none)).toEqual([]);
  });

  it('rejects a password containing the email local part or a name of 4+ characters', () => {
    expect(checkPasswordPolicy('i-am-JSMITHERS-ok', { email: 'jsmithers@example.com' })).toEqual(['Do not include your email address.']);
    expect(checkPasswordPolicy('greetings from Marguerite', { firstName: 'marguerite' })).toEqual(['Do not include your name.']);
    expect(checkPasswordPolicy('the vanderbilt estate', { lastName: 'Vanderbilt' })).toEqual(['Do not include your name.']);
    // Three letters is too short to count: "Ann" inside "annual" is no leak.
    expect(checkPasswordPolicy('annual report overdue', { firstName: 'Ann', email: 'ann@example.com' })).toEqual([]);
  });

  it('rejects a single repeated character', () => {
    expect(checkPasswordPolicy('aaaaaaaaaaaaaaaa', none)).toContain('Do not use a single character repeated.');
    expect(checkPasswordPolicy('aaaaaaaaaaaaaaab', none)).not.toContain('Do not use a single character repeated.');
  });

  it('reports every problem at once', () => {
    expect(checkPasswordPolicy('joe', { firstName: 'joey' })).toEqual(['Use at least 12 characters.']);
    expect(checkPasswordPolicy('Dragon', none)).toEqual(['Use at least 12 characters.', 'This password is too common; choose a less predictable one.']);
  });
});
