import { crc32, deflateSync } from 'node:zlib';

// The default browser icon for a tenant without its own favicon: a rounded square in the
// tenant's primary colour with three rising bars, as a 32×32 PNG inside an ICO container
// (the format /favicon.ico promises; PNG-in-ICO is what every current browser reads).

const SIZE = 32;

function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) || 0) as [number, number, number];
}

/** RGBA of pixel (x, y): transparent outside the rounded square, white on the bars. */
function pixel(x: number, y: number, rgb: [number, number, number]): [number, number, number, number] {
  const r = 7;
  const cx = x < r ? r : x > SIZE - 1 - r ? SIZE - 1 - r : x;
  const cy = y < r ? r : y > SIZE - 1 - r ? SIZE - 1 - r : y;
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return [0, 0, 0, 0];
  const bars = [
    { x0: 8, x1: 12, top: 18 },
    { x0: 14, x1: 18, top: 13 },
    { x0: 20, x1: 24, top: 8 },
  ];
  if (y <= 24 && bars.some((b) => x >= b.x0 && x < b.x1 && y >= b.top)) return [255, 255, 255, 255];
  return [...rgb, 255];
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

export function iconPng(primaryHex: string): Buffer {
  const rgb = hexToRgb(primaryHex);
  const raw = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 4);
    raw[row] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y, rgb), row + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** One-image ICO (ICONDIR + ICONDIRENTRY) wrapping the PNG. */
export function iconIco(primaryHex: string): Buffer {
  const png = iconPng(primaryHex);
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, png]);
}

const cache = new Map<string, Buffer>();
export function cachedIconIco(primaryHex: string): Buffer {
  let ico = cache.get(primaryHex);
  if (!ico) {
    ico = iconIco(primaryHex);
    if (cache.size > 500) cache.clear();
    cache.set(primaryHex, ico);
  }
  return ico;
}
