import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

const ORIGIN = 'https://alpha.example';
// Where a browser would go if it followed the value from a page on ORIGIN.
const lands = (path: string) => new URL(path, `${ORIGIN}/login`).origin;

describe('safeNext: after login, only paths on this site', () => {
  it.each(['/deals', '/deals/solar-farm?tab=terms#faq', '/portfolio', '/deals/a%2Fb'])('keeps %s', (p) => {
    expect(safeNext(p)).toBe(p);
  });

  // The attack run's open redirect: the browser strips the tab and follows //evil.example.
  it.each([
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/ /evil.example'.replace(' ', '\u0000'),
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    'https://evil.example',
    'javascript:alert(1)',
    'evil.example',
    '',
  ])('refuses %j', (p) => {
    const out = safeNext(p);
    expect(out).toBe('/deals');
  });

  it('whatever it returns, the URL parser keeps on this origin', () => {
    const pieces = fc.constantFrom('/', '\\', '\t', '\n', '\r', ' ', '.', '%2F', '%5C', '%09', 'evil.example', ':', '@', '?', '#', 'http:', '\u0000', '\u3002');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }).map((a) => a.join('')), (raw) => {
        const out = safeNext(raw);
        expect(lands(out)).toBe(ORIGIN);
        expect(out.startsWith('/') && !out.startsWith('//')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
