/**
 * Content-type detection from the bytes themselves (magic numbers), never
 * from the client's file name or Content-Type header, which an attacker
 * controls. Anything not positively identified as one of the few types we
 * accept is `null`, and so refused. HTML, SVG, XML and scripts are never
 * accepted: served back from our origin they could execute in a browser.
 */

export interface SniffedType {
  mime: string;
  ext: string;
}

export const PDF = { mime: 'application/pdf', ext: 'pdf' } as const;
export const PNG = { mime: 'image/png', ext: 'png' } as const;
export const JPEG = { mime: 'image/jpeg', ext: 'jpg' } as const;
export const GIF = { mime: 'image/gif', ext: 'gif' } as const;
export const WEBP = { mime: 'image/webp', ext: 'webp' } as const;
export const MP4 = { mime: 'video/mp4', ext: 'mp4' } as const;
export const DOCX = {
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ext: 'docx',
} as const;
export const XLSX = { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' } as const;
export const TEXT = { mime: 'text/plain', ext: 'txt' } as const;
export const CSV = { mime: 'text/csv', ext: 'csv' } as const;
export const MARKDOWN = { mime: 'text/markdown', ext: 'md' } as const;

export type UploadPurpose = 'document' | 'media' | 'kyc';

/** Mime types accepted per upload purpose. */
export const ACCEPTED: Readonly<Record<UploadPurpose, readonly string[]>> = {
  document: [PDF.mime, DOCX.mime, XLSX.mime, CSV.mime, TEXT.mime, MARKDOWN.mime, PNG.mime, JPEG.mime],
  media: [PNG.mime, JPEG.mime, GIF.mime, WEBP.mime, MP4.mime],
  kyc: [PDF.mime, PNG.mime, JPEG.mime],
};

export function isAccepted(purpose: UploadPurpose, mime: string): boolean {
  return ACCEPTED[purpose].includes(mime);
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, prefix: Uint8Array, at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}

/** ISO base media brands that are MP4 video (not QuickTime, HEIF/AVIF images or 3GP). */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'mmp4']);

export function sniffContentType(bytes: Uint8Array): SniffedType | null {
  if (bytes.length === 0) return null;
  // The header must be at offset 0: PDF readers tolerate junk before %PDF,
  // which is exactly how HTML/PDF polyglots are built, so we do not.
  if (startsWith(bytes, ascii('%PDF-'))) return PDF;
  if (startsWith(bytes, Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))) return PNG;
  if (startsWith(bytes, Uint8Array.of(0xff, 0xd8, 0xff))) return JPEG;
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return GIF;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return WEBP;
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    return MP4_BRANDS.has(brand) ? MP4 : null;
  }
  if (startsWith(bytes, ascii('PK\x03\x04'))) return sniffOfficeOpenXml(bytes);
  return sniffText(bytes);
}

/** Names of the entries in a zip's central directory, or null if it is not a readable zip. */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes plus up to 65535 bytes of comment, at the end.
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * A zip is accepted only as a Word or Excel OOXML package: it must carry the
 * OOXML marker `[Content_Types].xml` and the main part of one of the two.
 * Packages with VBA macros (docm/xlsm disguised as docx/xlsx) are refused.
 */
function sniffOfficeOpenXml(bytes: Uint8Array): SniffedType | null {
  const names = zipEntryNames(bytes);
  if (!names || !names.includes('[Content_Types].xml')) return null;
  if (names.some((name) => name.toLowerCase().endsWith('vbaproject.bin'))) return null;
  if (names.includes('word/document.xml')) return DOCX;
  if (names.includes('xl/workbook.xml')) return XLSX;
  return null;
}

/** Markup or script that a browser could render or run, or a PDF header after leading text, anywhere in the file. */
const ACTIVE_CONTENT = /<\s*(script|html|svg|iframe|object|embed|body|head|meta|\?xml|!doctype)\b|%PDF-/i;

/**
 * Plain text (including CSV and Markdown): valid UTF-8, no NUL, at most 1%
 * control characters, and nothing that looks like markup or a script, nor a
 * PDF header hidden after leading text.
 */
function sniffText(bytes: Uint8Array): SniffedType | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  if (text.includes('\u0000')) return null;
  let control = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) control++;
  }
  if (control > text.length / 100) return null;
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('<') || body.startsWith('#!')) return null;
  if (ACTIVE_CONTENT.test(text)) return null;
  if (looksLikeCsv(body)) return CSV;
  if (looksLikeMarkdown(body)) return MARKDOWN;
  return TEXT;
}

/** At least two rows, all with the same number (>= 1) of commas or of semicolons. */
function looksLikeCsv(text: string): boolean {
  const rows = text.split(/\r?\n/).filter((row) => row.trim() !== '');
  if (rows.length < 2) return false;
  return [',', ';'].some((sep) => {
    const counts = rows.map((row) => row.split(sep).length - 1);
    return counts[0]! >= 1 && counts.every((n) => n === counts[0]);
  });
}

function looksLikeMarkdown(text: string): boolean {
  return /^(#{1,6} |[-*+] |\d+\. |```|> )/m.test(text) || /\[[^\]]+\]\([^)]+\)/.test(text);
}
