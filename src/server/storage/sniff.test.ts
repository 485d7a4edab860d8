import { describe, expect, it } from 'vitest';
import { ACCEPTED, CSV, DOCX, GIF, JPEG, MARKDOWN, MP4, PDF, PNG, TEXT, WEBP, XLSX, isAccepted, sniffContentType } from './sniff';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: Array<string | number[] | Uint8Array>) => {
  const chunks = parts.map((p) => (typeof p === 'string' ? Uint8Array.from(p, (c) => c.charCodeAt(0)) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.length));
  return out;
};

/** A minimal stored (uncompressed) zip with the given entries, laid out as the zip spec says. */
function zipOf(names: string[]): Uint8Array {
  const local: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = utf8(name);
    const content = utf8('<x/>');
    const lh = new DataView(new ArrayBuffer(30));
    lh.setUint32(0, 0x04034b50, true);
    lh.setUint32(18, content.length, true);
    lh.setUint32(22, content.length, true);
    lh.setUint16(26, nameBytes.length, true);
    const entry = bytes(new Uint8Array(lh.buffer), nameBytes, content);
    const ch = new DataView(new ArrayBuffer(46));
    ch.setUint32(0, 0x02014b50, true);
    ch.setUint32(20, content.length, true);
    ch.setUint32(24, content.length, true);
    ch.setUint16(28, nameBytes.length, true);
    ch.setUint32(42, offset, true);
    central.push(bytes(new Uint8Array(ch.buffer), nameBytes));
    local.push(entry);
    offset += entry.length;
  }
  const cd = bytes(...central);
  const eocd = new DataView(new ArrayBuffer(22));
  eocd.setUint32(0, 0x06054b50, true);
  eocd.setUint16(8, names.length, true);
  eocd.setUint16(10, names.length, true);
  eocd.setUint32(12, cd.length, true);
  eocd.setUint32(16, offset, true);
  return bytes(...local, cd, new Uint8Array(eocd.buffer));
}

const OOXML_BASE = ['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml'];

describe('sniffContentType: binary formats by magic number', () => {
  it.each([
    ['pdf', bytes('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3], '\n1 0 obj\n<<>>\nendobj\n'), PDF],
    ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), PNG],
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF\0'), JPEG],
    ['gif89a', bytes('GIF89a', [1, 0, 1, 0, 0x80, 0, 0]), GIF],
    ['gif87a', bytes('GIF87a', [1, 0, 1, 0, 0x80, 0, 0]), GIF],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), WEBP],
    ['mp4 (isom)', bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0], 'isomiso2avc1mp41'), MP4],
    ['mp4 (mp42)', bytes([0, 0, 0, 0x18], 'ftypmp42', [0, 0, 0, 0], 'mp42isom'), MP4],
    ['docx', zipOf([...OOXML_BASE, 'word/document.xml', 'word/styles.xml']), DOCX],
    ['xlsx', zipOf([...OOXML_BASE, 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']), XLSX],
  ])('recognises %s', (_name, input, expected) => {
    expect(sniffContentType(input)).toEqual(expected);
  });

  it.each([
    ['QuickTime (ftyp qt)', bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 2, 0], 'qt  ')],
    ['HEIC image (ftyp heic)', bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic')],
    ['RIFF that is not WEBP (wav)', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ')],
    ['plain zip without the OOXML marker', zipOf(['word/document.xml', 'readme.txt'])],
    ['OOXML package that is neither Word nor Excel (pptx)', zipOf([...OOXML_BASE, 'ppt/presentation.xml'])],
    ['docx carrying VBA macros', zipOf([...OOXML_BASE, 'word/document.xml', 'word/vbaProject.bin'])],
    ['truncated zip (no central directory)', bytes('PK', [3, 4], 'garbage')],
    ['ELF executable', bytes([0x7f], 'ELF', [2, 1, 1, 0, 0, 0, 0, 0])],
    ['Windows executable', bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff])],
    ['random binary', Uint8Array.from({ length: 256 }, (_, i) => (i * 167 + 13) & 0xff)],
    ['empty file', new Uint8Array(0)],
  ])('rejects %s', (_name, input) => {
    expect(sniffContentType(input)).toBeNull();
  });
});

describe('sniffContentType: text', () => {
  it('classifies plain text, CSV and Markdown', () => {
    expect(sniffContentType(utf8('Quarterly report for the fund.\nAll figures in EUR.\n'))).toEqual(TEXT);
    expect(sniffContentType(utf8('date,amount,currency\n2024-01-01,100,EUR\n2024-02-01,250,EUR\n'))).toEqual(CSV);
    expect(sniffContentType(utf8('datum;betrag\n2024-01-01;100\n'))).toEqual(CSV);
    expect(sniffContentType(utf8('# Deal memo\n\n- target raise: 1M\n- see [terms](https://example.com)\n'))).toEqual(MARKDOWN);
    expect(sniffContentType(utf8('\uFEFFÜbersicht der Beteiligungen — 2024\n'))).toEqual(TEXT);
  });

  it.each([
    ['HTML (the bytes of an upload named statement.pdf)', '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'],
    ['HTML after whitespace and a BOM', '\uFEFF \n\t<html><body>hi</body></html>'],
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ['XML-declared SVG', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ['a script tag inside otherwise plain text', 'Hello team,\nplease see below\n<script>fetch("/api")</script>\n'],
    ['a shebang script', '#!/usr/bin/env node\nrequire("child_process").exec("rm -rf /")\n'],
    ['text before a %PDF header (polyglot)', 'Some harmless text\n%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'],
    ['text containing NUL', 'abc\u0000def'],
    ['text full of control characters', 'a\u0001b\u0002c\u0003d\u0004e\u0005'],
  ])('rejects %s', (_name, text) => {
    expect(sniffContentType(utf8(text))).toBeNull();
  });

  it('rejects invalid UTF-8 (e.g. Latin-1 or UTF-16 text)', () => {
    expect(sniffContentType(bytes('caf', [0xe9], ' au lait\n'))).toBeNull();
    expect(sniffContentType(bytes([0xff, 0xfe], 'h\0i\0'))).toBeNull();
  });

  it('rejects text before %PDF even when the rest is binary', () => {
    expect(sniffContentType(bytes('<html>x</html>\n%PDF-1.7\n', [0xe2, 0xe3, 0xcf, 0xd3]))).toBeNull();
    expect(sniffContentType(bytes(' %PDF-1.7\n'))).toBeNull();
  });
});

describe('ACCEPTED per purpose', () => {
  it('documents: pdf, docx, xlsx, csv, txt, md, png, jpeg — not gif, webp or mp4', () => {
    expect([...ACCEPTED.document].sort()).toEqual(
      [PDF, DOCX, XLSX, CSV, TEXT, MARKDOWN, PNG, JPEG].map((t) => t.mime).sort(),
    );
    for (const t of [GIF, WEBP, MP4]) expect(isAccepted('document', t.mime)).toBe(false);
  });

  it('media: png, jpeg, gif, webp, mp4 — not pdf or office files', () => {
    expect([...ACCEPTED.media].sort()).toEqual([PNG, JPEG, GIF, WEBP, MP4].map((t) => t.mime).sort());
    for (const t of [PDF, DOCX, XLSX, TEXT]) expect(isAccepted('media', t.mime)).toBe(false);
  });

  it('kyc: pdf, png, jpeg only', () => {
    expect([...ACCEPTED.kyc].sort()).toEqual([PDF, PNG, JPEG].map((t) => t.mime).sort());
    for (const t of [GIF, WEBP, MP4, DOCX, XLSX, TEXT, CSV]) expect(isAccepted('kyc', t.mime)).toBe(false);
  });

  it('never lists a type that could execute in a browser', () => {
    const all = Object.values(ACCEPTED).flat();
    for (const mime of all) expect(mime).not.toMatch(/html|svg|xml$|javascript|ecmascript/);
  });
});
