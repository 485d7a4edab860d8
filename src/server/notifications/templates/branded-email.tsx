import { Body, Button, Container, Head, Heading, Hr, Html, Img, Link, Preview, Section, Text } from '@react-email/components';
import type { EmailBrand } from '../email-settings';
import { fill, type EmailMessages, type Locale } from '../messages';
import type { MailContent } from './mail-content';

// The one layout every email of a tenant is drawn in: its logo (or name) on a bar of its
// primary colour, the message, and a footer with its legal name and postal address when its
// settings have them, the link to notification settings and, on marketing mail only, the
// unsubscribe link. Inline styles only (mail clients drop <style>); no remote fonts; the logo
// is an <img> the reader's client loads, never fetched while rendering.

export type BrandedEmailProps = {
  brand: EmailBrand;
  locale: Locale;
  messages: EmailMessages;
  content: MailContent;
  unsubscribeUrl?: string;
};

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function readableOn(hex: string): string {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
  return l > 0.179 ? '#000000' : '#ffffff';
}

export function BrandedEmail({ brand, locale, messages: m, content, unsubscribeUrl }: BrandedEmailProps) {
  const onPrimary = readableOn(brand.primary);
  const para = { color: brand.text, fontSize: '16px', lineHeight: '24px', margin: '0 0 16px' };
  const small = { color: '#52525b', fontSize: '12px', lineHeight: '18px', margin: '0 0 6px' };
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{content.paragraphs[0] ?? content.subject}</Preview>
      <Body style={{ backgroundColor: '#f4f4f5', fontFamily: 'Helvetica, Arial, sans-serif', margin: 0, padding: '24px 0' }}>
        <Container style={{ backgroundColor: '#ffffff', maxWidth: '560px', borderRadius: '8px', overflow: 'hidden' }}>
          <Section data-brand-bar="" style={{ backgroundColor: brand.primary, padding: '16px 24px' }}>
            {brand.logoUrl ? (
              <Img src={brand.logoUrl} alt={brand.name} height="32" style={{ height: '32px', width: 'auto' }} />
            ) : (
              <Text style={{ color: onPrimary, fontSize: '20px', fontWeight: 700, margin: 0 }}>{brand.name}</Text>
            )}
          </Section>
          <Section style={{ padding: '24px' }}>
            <Heading as="h1" style={{ color: brand.text, fontSize: '22px', lineHeight: '30px', margin: '0 0 16px' }}>
              {content.subject}
            </Heading>
            {content.greetingName !== undefined && <Text style={para}>{fill(m.layout.greeting, { name: content.greetingName })}</Text>}
            {content.paragraphs.map((p, i) => (
              <Text key={i} style={para}>
                {p}
              </Text>
            ))}
            {content.bodyHtml !== undefined && <div data-newsletter-body="" style={para} dangerouslySetInnerHTML={{ __html: content.bodyHtml }} />}
            {content.code && (
              <Section style={{ backgroundColor: '#f4f4f5', borderRadius: '6px', padding: '12px', margin: '0 0 16px', textAlign: 'center' }}>
                <Text style={{ ...small, margin: 0 }}>{m.layout.codeLabel}</Text>
                <Text style={{ color: brand.text, fontSize: '28px', fontWeight: 700, letterSpacing: '6px', margin: 0, fontFamily: 'Menlo, Consolas, monospace' }}>{content.code}</Text>
              </Section>
            )}
            {content.quote && <Text style={{ ...para, borderLeft: `4px solid ${brand.primary}`, paddingLeft: '12px', whiteSpace: 'pre-wrap' }}>{content.quote}</Text>}
            {content.action && (
              <Section style={{ margin: '8px 0 24px' }}>
                <Button href={content.action.url} style={{ backgroundColor: brand.primary, color: onPrimary, borderRadius: '6px', padding: '12px 20px', fontSize: '16px', fontWeight: 600, textDecoration: 'none' }}>
                  {content.action.label}
                </Button>
              </Section>
            )}
            {(content.closing ?? []).map((p, i) => (
              <Text key={`c${i}`} style={para}>
                {p}
              </Text>
            ))}
          </Section>
          <Hr style={{ borderColor: '#e4e4e7', margin: 0 }} />
          <Section style={{ padding: '16px 24px' }}>
            <Text style={small}>{content.notice ?? fill(m.layout.accountNotice, { tenant: brand.name })}</Text>
            <Text style={small}>
              <Link href={`${brand.origin}/settings/notifications`} style={{ color: brand.primary }}>
                {m.layout.manage}
              </Link>
              {unsubscribeUrl && (
                <>
                  {' · '}
                  <Link href={unsubscribeUrl} style={{ color: brand.primary }} data-unsubscribe="">
                    {m.layout.unsubscribe}
                  </Link>
                </>
              )}
            </Text>
            {brand.legalName && <Text style={small}>{brand.legalName}</Text>}
            {brand.postalAddress && <Text style={{ ...small, whiteSpace: 'pre-line' }}>{brand.postalAddress}</Text>}
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
