import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { iconIco } from './favicon';

// Reads back what a browser reads: the ICO directory, then the PNG's pixels.
function decode(ico: Buffer) {
  expect(ico.readUInt16LE(2)).toBe(1); // an icon
  expect(ico.readUInt16LE(4)).toBe(1); // one image
  const size = ico.readUInt32LE(14);
  const offset = ico.readUInt32LE(18);
  const png = ico.subarray(offset, offset + size);
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  const width = png.readUInt32BE(16);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const at = (x: number, y: number) => [...raw.subarray(y * (1 + width * 4) + 1 + x * 4, y * (1 + width * 4) + 5 + x * 4)];
  return { width, at };
}

describe('default favicon', () => {
  it('is a 32×32 icon in the tenant colour with white bars and transparent corners', () => {
    const { width, at } = decode(iconIco('#16A34A'));
    expect(width).toBe(32);
    expect(at(4, 4)).toEqual([0x16, 0xa3, 0x4a, 255]);
    expect(at(22, 20)).toEqual([255, 255, 255, 255]);
    expect(at(0, 0)[3]).toBe(0);
  });

  it('follows the colour it is given', () => {
    expect(decode(iconIco('#123')).at(16, 4)).toEqual([0x11, 0x22, 0x33, 255]);
  });
});
