import { describe, expect, it } from 'vitest';
import { fieldLabel, fieldMessage } from './field-messages';

const IDENTIFIER = /\b[a-z]+[A-Z]\w*\b|\b\w+\.\w+\b|Too small|Too big|expected/;

describe('form messages in the words of the labels', () => {
  it.each([
    ['targetAmount', 'targetAmount cannot exceed hardCap', 'Target raise cannot exceed the hard cap'],
    ['softCap', 'softCap cannot exceed hardCap', 'Soft cap cannot exceed the hard cap'],
    ['maxTicket', 'maxTicket cannot be below minTicket', 'Maximum per investor cannot be below the minimum ticket'],
    ['endsAt', 'endsAt must be after startsAt', 'Closing date must be after the opening date'],
    ['legalEntity.name', 'legalEntity.name is required', 'Legal entity name is required'],
    ['legalEntity.registrationNumber', 'Too small: expected string to have >=1 characters', 'Registration number is required'],
    ['title', 'title must be at least 3 characters', 'Title must be at least 3 characters'],
    ['profile.displayName', 'Too small: expected string to have >=1 characters', 'Public name is required'],
  ])('%s: "%s"', (field, message, expected) => {
    expect(fieldMessage(field, message)).toBe(expected);
  });

  it('never leaves an identifier, whatever the API said', () => {
    for (const [field, message] of [
      ['paymentTokenAddress', 'paymentTokenAddress must be a 0x address'],
      ['legalEntity.jurisdiction', 'jurisdiction must be an ISO 3166 code such as "US" or "US-DE"'],
      ['legalEntity.address.country', 'address.country must be a two-letter ISO code such as "GB"'],
      ['email', 'Invalid email address'],
      ['assetType', 'Invalid option: expected one of "equity"|"debt"|"token"'],
      ['someNewField', 'someNewField is wrong'],
    ]) expect(fieldMessage(field!, message!)).not.toMatch(IDENTIFIER);
  });

  it('labels unknown fields by their words', () => {
    expect(fieldLabel('deal.lockupMonths')).toBe('Lockup months');
  });
});
