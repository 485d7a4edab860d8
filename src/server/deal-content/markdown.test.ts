import { describe, expect, it } from 'vitest';
import { dealDescriptionHtml, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('keeps ordinary formatting, lists and safe links', () => {
    const html = renderMarkdown('# Title\n\nA **bold** plan:\n\n- one\n- [site](https://example.com)\n');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">site</a>');
  });

  it.each([
    ['script tag', '<script>alert(1)</script>hello', /<script|alert\(1\)/i],
    ['img onerror', '<img src="x" onerror="alert(1)">', /onerror/i],
    ['svg onload', '<svg onload="alert(1)"><circle/></svg>', /<svg|onload/i],
    ['iframe', '<iframe src="https://evil.example"></iframe>', /<iframe/i],
    ['style', '<style>body{display:none}</style><p style="color:red">x</p>', /<style|style=/i],
    ['javascript: markdown link', '[click](javascript:alert(1))', /javascript:/i],
    ['javascript: html link', '<a href="javascript:alert(1)">x</a>', /javascript:/i],
    ['data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', /data:/i],
    ['data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)', /src="data:/i],
    ['entity-encoded javascript&#58;', '<a href="javascript&#58;alert(1)">x</a>', /href=|javascript/i],
    ['entity-encoded in markdown link', '[x](javascript&#58;alert(1))', /href="javascript|href="&#/i],
    ['mixed-case and whitespace scheme', '<a href=" JaVaScRiPt:alert(1)">x</a>', /javascript/i],
    ['tab inside scheme', '<a href="java\tscript:alert(1)">x</a>', /href="java/i],
    ['form with button', '<form action="https://evil.example"><button>go</button></form>', /<form|<button/i],
    ['object/embed', '<object data="x.swf"></object><embed src="x.swf">', /<object|<embed/i],
    ['protocol-relative link', '<a href="//evil.example">x</a>', /href="\/\/evil/i],
  ])('neutralises %s', (_name, input, forbidden) => {
    expect(renderMarkdown(input)).not.toMatch(forbidden);
  });

  it('keeps the text of a removed tag only where it is harmless', () => {
    expect(renderMarkdown('<b onclick="x()">bold</b> and <span>text</span>')).toBe('<p><b>bold</b> and text</p>\n');
  });

  it('escapes plain text with angle brackets instead of executing it', () => {
    const html = renderMarkdown('1 < 2 and 3 > 2');
    expect(html).toContain('1 &lt; 2 and 3 &gt; 2');
  });

  it('renders a deal description as descriptionHtml', () => {
    expect(dealDescriptionHtml({ description: 'A **solar** farm.<script>x()</script>' })).toBe('<p>A <strong>solar</strong> farm.</p>\n');
  });
});
