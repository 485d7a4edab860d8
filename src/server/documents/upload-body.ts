import { FileTooLarge, MAX_FILE_BYTES, type UploadPurpose } from '../storage';
import { BadRequest } from '../errors';

/**
 * The raw request body of an upload, read up to the purpose's size limit: a declared
 * Content-Length over it is refused before reading, and the stream is cut as soon as it
 * grows past it, so an upload never buffers more than the limit.
 */
export async function readUploadBody(req: Request, purpose: UploadPurpose): Promise<Uint8Array> {
  const limit = MAX_FILE_BYTES[purpose];
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > limit) throw new FileTooLarge(purpose, declared, limit);
  if (!req.body) throw new BadRequest('empty_upload', 'Send the file as the request body');
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new FileTooLarge(purpose, size, limit);
    }
    chunks.push(value);
  }
  if (size === 0) throw new BadRequest('empty_upload', 'Send the file as the request body');
  return new Uint8Array(Buffer.concat(chunks));
}
