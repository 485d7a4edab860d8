import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getLanguage, PUT as putLanguage } from '../../src/app/api/notifications/language/route';
import { GET as getEmailSettings, PATCH as patchEmailSettings } from '../../src/app/api/admin/email-settings/route';
import { getConfig } from '../../src/server/config';
import { ownerDb } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { NOTIFICATION_TYPES } from '../../src/server/notifications/catalog';
import { dealApprovedEmail, queueEmail, verificationCodeEmail } from '../../src/server/notifications/email';
import { deliverNotifications } from '../../src/server/notifications/outbox-delivery';
import { notify, type NotificationEvent } from '../../src/server/notifications/notify';
import { call } from '../helpers/api';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// What a reader sees in their mailbox: the mail of tenant A in A's colours, logo, name and
// footer and never B's; in the reader's language (German amounts and dates for a German
// reader); always with a plain-text part; an unsubscribe link and header on marketing mail only.

let a: TestTenant;
let b: TestTenant;
const brandA = { primary: '#0F766E', logo: 'https://cdn.alpha.test/logo.png', legal: 'Alpha Capital GmbH', address: 'Hafenstraße 1, 20457 Hamburg' };
const brandB = { primary: '#B91C1C', logo: '/brand/bravo.svg', legal: 'Bravo Partners LLC', address: '1 Main St, Springfield' };

async function brand(t: TestTenant, x: typeof brandA) {
  await ownerDb()
    .updateTable('tenants')
    .set({ theme_settings: JSON.stringify({ colors: { primary: x.primary }, logo: { light: x.logo } }) })
    .where('id', '=', t.id)
    .execute();
  const admin = await tokenFor(t, t.admin.email);
  const r = await call(patchEmailSettings, { host: t.host, method: 'PATCH', token: admin, body: { legalName: x.legal, postalAddress: x.address } });
  expect(r.status).toBe(200);
}

beforeAll(async () => {
  a = await makeTenant();
  b = await makeTenant();
  await brand(a, brandA);
  await brand(b, brandB);
});

const confirmed = (userId: string, over: Partial<NotificationEvent> = {}): NotificationEvent => ({
  type: 'investment.confirmed',
  userId,
  title: 'Your investment in Harbour Bakery is confirmed',
  body: 'Your 1234.50 USD investment in Harbour Bakery is confirmed and counts towards the raise.',
  link: '/portfolio',
  dedupeKey: randomBytes(8).toString('hex'),
  data: { dealTitle: 'Harbour Bakery', amountMinor: '123450', currency: 'USD', decimals: 2 },
  ...over,
});

async function mailsFor(tenant: TestTenant, events: NotificationEvent[]) {
  await withTenant(tenant.id, null, (t) => notify(t, events));
  await deliverNotifications({ db: ownerDb(), config: getConfig(), tenantIds: [tenant.id] });
  return ownerDb()
    .selectFrom('email_outbox')
    .select(['to_address', 'template', 'subject', 'body_text', 'body_html', 'headers'])
    .where('tenant_id', '=', tenant.id)
    .where('id', 'in', await ownerDb().selectFrom('notification_outbox').select('id').where('tenant_id', '=', tenant.id).where('dedupe_key', 'in', events.map((e) => e.dedupeKey)).where('channel', '=', 'email'))
    .execute();
}

async function member(tenant: TestTenant, locale?: 'en' | 'de' | null) {
  const u = await makeUser(tenant);
  if (locale !== undefined) {
    const r = await call(putLanguage, { host: tenant.host, method: 'PUT', token: await tokenFor(tenant, u.email), body: { locale } });
    expect(r.status).toBe(200);
  }
  return u;
}

describe('branding per tenant', () => {
  it('draws a notification email in its own tenant’s name, colour, logo and footer, never the other’s', async () => {
    const ua = await member(a);
    const ub = await member(b);
    const [ma] = await mailsFor(a, [confirmed(ua.id)]);
    const [mb] = await mailsFor(b, [confirmed(ub.id)]);
    const html = { a: ma!.body_html!, b: mb!.body_html! };
    expect(html.a).toContain(`Tenant ${a.slug}`);
    expect(html.a).toContain(brandA.primary);
    expect(html.a).toContain(brandA.logo);
    expect(html.a).toContain(brandA.legal);
    expect(html.a).toContain('Hafenstraße 1, 20457 Hamburg');
    for (const leak of [`Tenant ${b.slug}`, brandB.primary, 'bravo.svg', brandB.legal, brandB.address, b.slug]) expect(html.a).not.toContain(leak);
    // B's logo is site-relative: the mail links it on B's own site.
    expect(html.b).toContain(`http://${b.slug}.localhost:${getConfig().PORT}/brand/bravo.svg`);
    expect(html.b).toContain(brandB.primary);
    for (const leak of [`Tenant ${a.slug}`, brandA.primary, brandA.logo, brandA.legal, a.slug]) expect(html.b).not.toContain(leak);
    expect(ma!.body_text).toContain(brandA.legal);
    expect(mb!.body_text).not.toContain(brandA.legal);
  });

  it('draws direct mail (a verification code) in the branding of the tenant it is sent for', async () => {
    const u = await makeUser(a);
    await withTenant(a.id, null, (t) => queueEmail(t, verificationCodeEmail(u.email, `Tenant ${a.slug}`, '482913')));
    const [m] = await ownerDb().selectFrom('email_outbox').select(['subject', 'body_text', 'body_html']).where('tenant_id', '=', a.id).where('to_address', '=', u.email).execute();
    expect(m!.subject).toBe(`Tenant ${a.slug}: Confirm your email`);
    expect(m!.body_html).toContain('482913');
    expect(m!.body_html).toContain(brandA.primary);
    expect(m!.body_html).not.toContain(brandB.primary);
    expect(m!.body_text).toContain('Your confirmation code is 482913.');
  });

  it('turns a path a direct mail links to into a link on the tenant’s own site', async () => {
    const issuer = await makeUser(a, ['issuer']);
    await withTenant(a.id, null, (t) => queueEmail(t, dealApprovedEmail(issuer.email, `Tenant ${a.slug}`, { title: 'Harbour Bakery' }, '/issuer/deals/abc')));
    const [m] = await ownerDb().selectFrom('email_outbox').select(['body_text', 'body_html']).where('tenant_id', '=', a.id).where('to_address', '=', issuer.email).execute();
    const url = `http://${a.slug}.localhost:${getConfig().PORT}/issuer/deals/abc`;
    expect(m!.body_text).toContain(`Open the deal: ${url}`);
    expect(m!.body_html).toContain(`href="${url}"`);
  });
});

describe('language per recipient', () => {
  it('writes to a German member in German, with German amounts and dates; an English one in English', async () => {
    const de = await member(a, 'de');
    const en = await member(a, 'en');
    const escrow = (userId: string): NotificationEvent => ({
      type: 'escrow.deadline',
      userId,
      title: 'Your investment is waiting on your verification',
      body: 'held in escrow',
      link: '/verification',
      dedupeKey: randomBytes(8).toString('hex'),
      data: { amountMinor: '250000075', currency: 'USDC', decimals: 6, expiresAt: '2026-06-22T12:00:00.000Z' },
    });
    const mails = await mailsFor(a, [confirmed(de.id), confirmed(en.id), escrow(de.id), escrow(en.id)]);
    const of = (to: string, template: string) => mails.find((m) => m.to_address === to && m.template === template)!;
    const deConfirmed = of(de.email, 'investment.confirmed');
    expect(deConfirmed.subject).toBe(`Tenant ${a.slug}: Ihre Investition in Harbour Bakery ist bestätigt`);
    expect(deConfirmed.body_text).toContain('Hallo Test,');
    expect(deConfirmed.body_text).toContain('Ihre Investition über 1.234,50 USD in Harbour Bakery ist bestätigt');
    expect(deConfirmed.body_html).toContain('lang="de"');
    expect(deConfirmed.body_html).toContain('1.234,50 USD');
    expect(deConfirmed.body_text).not.toContain('is confirmed');
    const deEscrow = of(de.email, 'escrow.deadline');
    expect(deEscrow.body_text).toContain('250,000075 USDC');
    expect(deEscrow.body_text).toContain('22. Juni 2026');
    const enConfirmed = of(en.email, 'investment.confirmed');
    expect(enConfirmed.subject).toBe(`Tenant ${a.slug}: Your investment in Harbour Bakery is confirmed`);
    expect(enConfirmed.body_text).toContain('Your 1,234.50 USD investment in Harbour Bakery is confirmed');
    expect(enConfirmed.body_html).toContain('lang="en"');
    const enEscrow = of(en.email, 'escrow.deadline');
    expect(enEscrow.body_text).toContain('250.000075 USDC');
    expect(enEscrow.body_text).toContain('June 22, 2026');
  });

  it('follows the tenant’s default language for members who chose none, and a member’s own choice over it', async () => {
    const t = await makeTenant();
    const admin = await tokenFor(t, t.admin.email);
    expect((await call(patchEmailSettings, { host: t.host, method: 'PATCH', token: admin, body: { defaultLocale: 'de' } })).status).toBe(200);
    const silent = await member(t);
    const english = await member(t, 'en');
    const mails = await mailsFor(t, [confirmed(silent.id), confirmed(english.id)]);
    expect(mails.find((m) => m.to_address === silent.email)!.subject).toContain('ist bestätigt');
    expect(mails.find((m) => m.to_address === english.email)!.subject).toContain('is confirmed');
    // Direct mail follows the same rule: the German default for a member without a choice.
    await withTenant(t.id, null, (tx) => queueEmail(tx, verificationCodeEmail(silent.email, `Tenant ${t.slug}`, '111222')));
    const [code] = await ownerDb().selectFrom('email_outbox').select(['subject', 'body_text']).where('tenant_id', '=', t.id).where('to_address', '=', silent.email).where('template', '=', 'email_verification').execute();
    expect(code!.subject).toBe(`Tenant ${t.slug}: Bestätigen Sie Ihre E-Mail-Adresse`);
    expect(code!.body_text).toContain('Ihr Bestätigungscode lautet 111222.');
  });
});

describe('parts and unsubscribe', () => {
  it('gives every mail a plain-text part beside the HTML one', async () => {
    const u = await member(a);
    const [m] = await mailsFor(a, [confirmed(u.id)]);
    expect(m!.body_html).toMatch(/^<!DOCTYPE html/i);
    expect(m!.body_text).not.toMatch(/<[a-z]/i);
    expect(m!.body_text).toContain(`http://${a.slug}.localhost:${getConfig().PORT}/portfolio`);
  });

  it('puts the unsubscribe header and footer link on marketing mail only', async () => {
    const u = await member(a);
    const update: NotificationEvent = {
      type: 'deal.update',
      userId: u.id,
      title: 'Harbour Bakery: We opened a second shop',
      body: 'The second shop opened on the harbour front.',
      link: '/deals/harbour-bakery',
      dedupeKey: randomBytes(8).toString('hex'),
      data: { dealTitle: 'Harbour Bakery', updateTitle: 'We opened a second shop' },
    };
    const mails = await mailsFor(a, [update, confirmed(u.id)]);
    const marketing = mails.find((m) => m.template === 'deal.update')!;
    const legal = mails.find((m) => m.template === 'investment.confirmed')!;
    const headers = marketing.headers as Record<string, string>;
    expect(headers['List-Unsubscribe']).toMatch(/^<http:\/\/.+\/api\/notifications\/unsubscribe\?token=.+>$/);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(marketing.body_html).toContain('/settings/notifications?unsubscribe=');
    expect(marketing.body_html).toContain('Unsubscribe from these emails');
    expect(marketing.body_text).toContain('Stop these emails: ');
    // The issuer's words are quoted as written.
    expect(marketing.body_html).toContain('The second shop opened on the harbour front.');
    expect(legal.headers).toEqual({});
    expect(legal.body_html).not.toContain('unsubscribe');
    expect(legal.body_html).not.toContain('Unsubscribe');
    expect(legal.body_text).not.toContain('Stop these emails');
  });
});

describe('every event type', () => {
  it('is mailed from its own template in every offered language when its event carries its facts', async () => {
    const u = await member(a);
    const data = {
      groupName: 'Harbour Angels',
      decision: 'approved',
      dealTitle: 'Harbour Bakery',
      amountMinor: '500000',
      currency: 'EUR',
      decimals: 2,
      expiresAt: '2026-06-22T12:00:00.000Z',
      status: 'retry',
      updateTitle: 'Q2 report',
      minutes: 15,
      at: '2026-06-22T12:00:00.000Z',
      reconfirmBy: '2026-06-29T12:00:00.000Z',
      tenantName: 'Alpha Community',
      brokerName: 'Harbour Securities',
      kind: 'post',
      outcome: 'hidden',
      reason: 'Promises of returns are not allowed',
    };
    const events: NotificationEvent[] = NOTIFICATION_TYPES.map((type) => ({ type, userId: u.id, title: 'FALLBACK TITLE', body: 'FALLBACK BODY', link: '/portfolio', dedupeKey: randomBytes(8).toString('hex'), data }));
    const english = await mailsFor(a, events);
    await call(putLanguage, { host: a.host, method: 'PUT', token: await tokenFor(a, u.email), body: { locale: 'de' } });
    const german = await mailsFor(a, events.map((e) => ({ ...e, dedupeKey: randomBytes(8).toString('hex') })));
    for (const type of NOTIFICATION_TYPES) {
      const en = english.find((m) => m.template === type);
      const de = german.find((m) => m.template === type);
      expect(en, `${type} mailed in English`).toBeDefined();
      expect(de, `${type} mailed in German`).toBeDefined();
      for (const m of [en!, de!]) {
        // Its own words, not the event's fallback title (admin.alert frames the system's text).
        if (type !== 'admin.alert') expect(m.subject, type).not.toContain('FALLBACK');
        expect(m.body_text, type).not.toMatch(/\{\w+\}/);
        expect(m.body_html, type).not.toMatch(/\{\w+\}/);
      }
      expect(de!.subject === en!.subject && de!.body_text === en!.body_text, `${type} differs between languages`).toBe(false);
      expect(de!.body_html).toContain('lang="de"');
    }
  });
});

describe('choosing languages', () => {
  it('lets a member choose only an offered language, or go back to the tenant’s default', async () => {
    const u = await makeUser(a);
    const token = await tokenFor(a, u.email);
    const before = await call(getLanguage, { host: a.host, token });
    expect(before.json).toMatchObject({ locale: null, effective: 'en', tenantDefault: 'en' });
    expect(before.json.offered.map((o: { code: string }) => o.code)).toEqual(['en', 'de']);
    const bad = await call(putLanguage, { host: a.host, method: 'PUT', token, body: { locale: 'fr' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('locale');
    expect((await call(getLanguage, { host: a.host, token })).json.locale).toBeNull();
    expect((await call(putLanguage, { host: a.host, method: 'PUT', token, body: { locale: 'de' } })).json).toMatchObject({ locale: 'de', effective: 'de' });
    expect((await call(putLanguage, { host: a.host, method: 'PUT', token, body: { locale: null } })).json).toMatchObject({ locale: null, effective: 'en' });
    expect((await call(getLanguage, { host: a.host })).status).toBe(401);
    // A token of tenant A means nothing on tenant B.
    expect((await call(putLanguage, { host: b.host, method: 'PUT', token, body: { locale: 'de' } })).status).toBe(401);
  });

  it('lets only the tenant’s admin set its default language and footer, validated and audited', async () => {
    const t = await makeTenant();
    const admin = await tokenFor(t, t.admin.email);
    const investor = await makeUser(t);
    const investorToken = await tokenFor(t, investor.email);
    expect((await call(patchEmailSettings, { host: t.host, method: 'PATCH', token: investorToken, body: { defaultLocale: 'de' } })).status).toBe(403);
    expect((await call(patchEmailSettings, { host: a.host, method: 'PATCH', token: admin, body: { defaultLocale: 'de' } })).status).toBe(401);
    const bad = await call(patchEmailSettings, { host: t.host, method: 'PATCH', token: admin, body: { defaultLocale: 'fr' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('defaultLocale');
    expect((await call(patchEmailSettings, { host: t.host, method: 'PATCH', token: admin, body: { legalName: 'x'.repeat(201) } })).status).toBe(400);
    expect((await call(getEmailSettings, { host: t.host, token: admin })).json).toMatchObject({ defaultLocale: 'en', legalName: null });
    const ok = await call(patchEmailSettings, { host: t.host, method: 'PATCH', token: admin, body: { defaultLocale: 'de', legalName: 'Gamma AG' } });
    expect(ok.json).toMatchObject({ defaultLocale: 'de', legalName: 'Gamma AG', postalAddress: null });
    expect((await call(getEmailSettings, { host: t.host, token: admin })).json).toMatchObject({ defaultLocale: 'de', legalName: 'Gamma AG' });
    // Only the fields sent change; null clears a line.
    expect((await call(patchEmailSettings, { host: t.host, method: 'PATCH', token: admin, body: { legalName: null } })).json).toMatchObject({ defaultLocale: 'de', legalName: null });
    const audits = await ownerDb().selectFrom('audit_logs').select(['actor_id', 'metadata']).where('tenant_id', '=', t.id).where('action', '=', 'tenant.email_settings_updated').execute();
    expect(audits).toHaveLength(2);
    expect(audits.every((x) => x.actor_id === t.admin.id)).toBe(true);
    // The member who chose nothing now sees German as theirs.
    expect((await call(getLanguage, { host: t.host, token: investorToken })).json).toMatchObject({ locale: null, effective: 'de', tenantDefault: 'de' });
  });
});
