import { htmlEscapeJsonString } from 'next/dist/shared/lib/htmlescape.js';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { initialsOf } from '../../ui/initials';
import { fillable, fillIdentity, PLACEHOLDER_IDENTITY, usableTemplate, type Identity } from './identity-template';

// A page shaped like the deals page's header: the account menu's label, initials, name and email
// in the HTML (as React renders them) and again in the inlined RSC payload (React's flight JSON
// in Next.js's push script). Filling a placeholder rendering must give byte for byte what
// rendering for the user gives.

function page(id: Identity): string {
  const name = `${id.firstName} ${id.lastName}`;
  const html = renderToStaticMarkup(
    createElement('div', { 'aria-label': `Account menu for ${name}`, title: name }, createElement('span', null, initialsOf(name)), createElement('span', null, name), createElement('span', null, id.email)),
  );
  const row = `5:${JSON.stringify(['$', 'div', null, { 'aria-label': `Account menu for ${name}`, children: [['$', 'span', null, { children: initialsOf(name) }], ['$', 'span', null, { children: name }], ['$', 'span', null, { children: id.email }]] }])}\n`;
  const script = `<script nonce="n1">self.__next_f.push(${htmlEscapeJsonString(JSON.stringify([1, row]))})</script>`;
  return `<!DOCTYPE html><html><body><h1>Deals</h1>${html}<p>It's 5 &amp; 6</p>${script}<script>self.__next_f.push([1,"6:[]\\n"])</script></body></html>`;
}

const PEOPLE: Identity[] = [
  { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.org' },
  { firstName: 'Zoë "Q" & Co', lastName: "O'Brien", email: "o'brien+x&y@example.org" },
  { firstName: 'Jean\u2028Luc', lastName: 'Picard\\', email: 'jl@example.org' },
  { firstName: 'Mary Ann', lastName: '李', email: '</script><script>alert(1)</script>@example.org' },
  { firstName: 'éclair', lastName: 'ünder', email: 'e@example.org' },
];

describe('identity templates', () => {
  const template = page(PLACEHOLDER_IDENTITY);

  it('a filled-in template is exactly the page rendered for the user, in the HTML and in the RSC payload', () => {
    expect(usableTemplate(template)).toBe(true);
    for (const person of PEOPLE) {
      expect(fillable(person)).toBe(true);
      expect(fillIdentity(template, person), JSON.stringify(person)).toBe(page(person));
    }
  });

  it('a script-closing email stays inside its string', () => {
    const filled = fillIdentity(template, PEOPLE[3]!);
    expect(filled.match(/<\/script>/g)).toHaveLength(2);
    expect(filled).not.toContain('<script>alert');
  });

  it('refuses identities it cannot write exactly and templates whose placeholders were cut', () => {
    expect(fillable({ firstName: '$1', lastName: 'x', email: 'a@b.c' })).toBe(false);
    expect(fillable({ firstName: 'a', lastName: 'b', email: '$a@b.c' })).toBe(false);
    expect(fillable({ firstName: 'a\uE001', lastName: 'b', email: 'a@b.c' })).toBe(false);
    expect(fillable({ firstName: 'a'.repeat(201), lastName: 'b', email: 'a@b.c' })).toBe(false);
    // A chunk boundary through a placeholder, or a chunk inlined as base64.
    const at = template.indexOf(PLACEHOLDER_IDENTITY.email) + 3;
    expect(usableTemplate(`${template.slice(0, at)}"])</script><script>self.__next_f.push([1,"${template.slice(at)}`)).toBe(false);
    expect(usableTemplate(`${template}<script>self.__next_f.push([3,"AAAA"])</script>`)).toBe(false);
  });
});
