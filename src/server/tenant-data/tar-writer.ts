/**
 * A ustar archive written to a file in one pass: an entry's header is written with size 0,
 * its bytes are streamed after it (COPY output whose length is not known in advance), and the
 * header is then rewritten in place with the real size. Any tar reader (tar-stream, GNU tar) reads it.
 */
import type { FileHandle } from 'node:fs/promises';

const BLOCK = 512;
const FLUSH_BYTES = 1 << 20;

function header(name: string, size: number, mtime: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`archive entry name too long: ${name}`);
  const h = Buffer.alloc(BLOCK, 0);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'ascii');
  h.write('0000000\0', 108, 'ascii');
  h.write('0000000\0', 116, 'ascii');
  if (size < 8 ** 11) h.write(size.toString(8).padStart(11, '0') + '\0', 124, 'ascii');
  else {
    // GNU base-256 for entries of 8 GiB and more.
    h[124] = 0x80;
    let v = BigInt(size);
    for (let i = 135; i > 124; i--) {
      h[i] = Number(v & 0xffn);
      v >>= 8n;
    }
  }
  h.write(Math.floor(mtime / 1000).toString(8).padStart(11, '0') + '\0', 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

export class TarFileWriter {
  private position = 0;
  constructor(private readonly file: FileHandle) {}

  private async write(bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.length) {
      const { bytesWritten } = await this.file.write(bytes, done, bytes.length - done, this.position + done);
      done += bytesWritten;
    }
    this.position += bytes.length;
  }

  /** Streams one entry: `body` receives a write function and returns when the entry is complete. */
  async entry(name: string, body: (write: (chunk: Uint8Array) => Promise<void>) => Promise<void>): Promise<number> {
    const start = this.position;
    const now = Date.now();
    await this.write(header(name, 0, now));
    let size = 0;
    // COPY hands over a row at a time: gather them so the disk sees large writes.
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const joined = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await this.write(joined);
    };
    await body(async (chunk) => {
      size += chunk.length;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= FLUSH_BYTES) await flush();
    });
    await flush();
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad) await this.write(Buffer.alloc(pad, 0));
    await this.file.write(header(name, size, now), 0, BLOCK, start);
    return size;
  }

  /** Two zero blocks end the archive. */
  async end(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2, 0));
    await this.file.sync();
  }
}
