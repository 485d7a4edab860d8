import { describe, expect, it } from 'vitest';
import { dealApprovedEmail, dealRejectedEmail, memberRemovedEmail, passwordResetEmail, verificationCodeEmail, type Email } from '../email';
import type { EmailBrand } from '../email-settings';
import { LOCALES } from '../messages';
import { renderMail } from './render';

// Every direct mail (not a notification type) exists in every offered language, with every
// placeholder filled, and keeps the signature other modules call it with.

const DIRECT: Record<string, (o?: { locale?: (typeof LOCALES)[number] }) => Email> = {
  verificationCode: (o) => verificationCodeEmail('a@example.com', 'Alpha', '123456', o),
  passwordReset: (o) => passwordResetEmail('a@example.com', 'Alpha', '654321', o),
  dealRejected: (o) => dealRejectedEmail('a@example.com', 'Alpha', { title: 'Harbour Bakery' }, 'The cap table is missing.', 'https://alpha.test/issuer/deals/1', o),
  dealApproved: (o) => dealApprovedEmail('a@example.com', 'Alpha', { title: 'Harbour Bakery' }, 'https://alpha.test/deals/harbour', o),
  memberRemoved: (o) => memberRemovedEmail('a@example.com', 'Alpha', { name: 'Angels' }, 'Inactive for a year.', o),
};

const brand: EmailBrand = { name: 'Alpha', origin: 'https://alpha.test', logoUrl: null, primary: '#FDE047', text: '#0F172A', legalName: null, postalAddress: null, defaultLocale: 'en' };

describe('direct mails', () => {
  for (const [name, make] of Object.entries(DIRECT))
    it(`${name} is written in every offered language`, async () => {
      const texts = await Promise.all(
        LOCALES.map(async (locale) => {
          const mail = make({ locale });
          expect(mail.subject.startsWith('Alpha: ')).toBe(true);
          const r = await renderMail(brand, locale, mail.compose!(locale, 'Alpha'));
          for (const part of [r.subject, r.text, r.html]) expect(part).not.toMatch(/\{\w+\}/);
          expect(r.html).toContain(`lang="${locale}"`);
          return r.subject + r.text;
        }),
      );
      expect(new Set(texts).size).toBe(LOCALES.length);
    });

  it('writes the name in black on a light brand colour and in white on a dark one (the bar stays readable)', async () => {
    const light = await renderMail(brand, 'en', { subject: 'x', paragraphs: ['y'] });
    const dark = await renderMail({ ...brand, primary: '#1E3A8A' }, 'en', { subject: 'x', paragraphs: ['y'] });
    expect(light.html).toMatch(/color:#000000[^>]*>Alpha</);
    expect(dark.html).toMatch(/color:#ffffff[^>]*>Alpha</);
  });
});
