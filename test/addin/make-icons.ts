/**
 * Draws the add-in icons (a river bend on a rounded square) and writes them as PNGs to assets/.
 * Run once with `npx tsx test/addin/make-icons.ts`; the PNGs are committed.
 */
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Encodes an RGBA image as a PNG file. */
function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
}

/** Colour of one point of the unit square: [r, g, b, a]. */
function shade(x: number, y: number): [number, number, number, number] {
  const r = 0.18;
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  if (dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
  // A river running from the top down, bending twice.
  const centre = 0.5 + 0.22 * Math.sin((y - 0.05) * Math.PI * 2);
  if (Math.abs(x - centre) < 0.085) return [255, 255, 255, 255];
  return y < 0.5 ? [27, 106, 165, 255] : [18, 128, 110, 255];
}

/** Renders one icon size with 4×4 supersampling. */
function renderIcon(size: number): Buffer {
  const px = new Uint8Array(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          for (let i = 0; i < 3; i++) acc[i] += c[i] * c[3];
          acc[3] += c[3];
        }
      }
      const o = (y * size + x) * 4;
      const a = acc[3] / (n * n);
      for (let i = 0; i < 3; i++) px[o + i] = acc[3] ? Math.round(acc[i] / acc[3]) : 0;
      px[o + 3] = Math.round(a);
    }
  }
  return encodePng(size, size, px);
}

/** Icon sizes the manifest refers to. */
export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets');
  mkdirSync(dir, { recursive: true });
  for (const s of ICON_SIZES) writeFileSync(path.join(dir, `icon-${s}.png`), renderIcon(s));
  console.log(`wrote ${ICON_SIZES.map((s) => `icon-${s}.png`).join(', ')} to ${dir}`);
}
