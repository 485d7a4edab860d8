import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('cap table CSV', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Smith, John')).toBe('"Smith, John"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    for (const c of ['+1', '-1+2', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(c).replace(/^"/, '').startsWith(`'${c[0]}`)).toBe(true);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('ends every row, the header included, with CRLF', () => {
    expect(toCsv(['a', 'b'], [['1', '2'], ['x,y', null]])).toBe('a,b\r\n1,2\r\n"x,y",\r\n');
  });
});
