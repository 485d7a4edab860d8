import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from '../errors';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Reads at most maxBytes of a JSON body; the stream is cut as soon as it grows past it. */
export async function readJsonBody(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new PayloadTooLarge(maxBytes);
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  if (!req.body) {
    if (declared === 0 && !type) return undefined;
  }
  if (!type.startsWith('application/json')) throw new UnsupportedMediaType();
  if (!req.body) return undefined;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new PayloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest('malformed_json', 'The request body is not valid JSON');
  }
}
