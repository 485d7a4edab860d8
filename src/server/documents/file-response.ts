import { ACCEPTED } from '../storage';

// Only types we ever store (sniffed from content) are echoed; anything else is opaque bytes.
const SERVABLE = new Set<string>([...ACCEPTED.document, ...ACCEPTED.media]);
const INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'video/mp4']);

function dispositionName(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Stored bytes as a response that a browser never runs: a content type from our own
 * sniffing (never HTML or SVG), nosniff, a sandboxing CSP, and `attachment` unless the
 * type is a plain image or video and the caller allows inline display.
 */
export function fileResponse(bytes: Uint8Array, o: { mime: string; fileName: string; inline?: boolean; cacheControl?: string }): Response {
  const mime = SERVABLE.has(o.mime) ? o.mime : 'application/octet-stream';
  const inline = o.inline === true && INLINE.has(mime);
  return new Response(bytes as BodyInit, {
    status: 200,
    headers: {
      'content-type': mime.startsWith('text/') ? `${mime}; charset=utf-8` : mime,
      'content-length': String(bytes.byteLength),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; ${dispositionName(o.fileName)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': o.cacheControl ?? 'private, no-store',
    },
  });
}
