import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from '../errors';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a request body up to maxBytes: a declared Content-Length over the limit is refused
 * before reading, and the stream is cut as soon as it grows past it, so nothing ever
 * buffers more than the limit. `tooLarge` builds the error (413 by default).
 */
export async function readRawBody(req: Request, maxBytes: number, tooLarge: (size: number) => Error = () => new PayloadTooLarge(maxBytes)): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(declared);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(size);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** A JSON body of at most maxBytes; undefined when there is none. */
export async function readJsonBody(req: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new PayloadTooLarge(maxBytes);
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  if (!req.body && declared === 0 && !type) return undefined;
  if (!type.startsWith('application/json')) throw new UnsupportedMediaType();
  const text = (await readRawBody(req, maxBytes)).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest('malformed_json', 'The request body is not valid JSON');
  }
}
