// Shows the QR image zca-js hands over (a PNG; the code it encodes is not given) in a terminal: the
// modules are sampled from the picture and drawn two rows per line with half blocks.
import { PNG } from 'pngjs';

/** The QR as rows of modules (true = dark), read from a PNG of a QR code on a light background. */
export function qrModules(png: Uint8Array): boolean[][] {
  const image = PNG.sync.read(Buffer.from(png));
  const dark = (x: number, y: number) => {
    const i = (y * image.width + x) * 4;
    const alpha = image.data[i + 3]! / 255;
    const luminance = (0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!) * alpha + 255 * (1 - alpha);
    return luminance < 128;
  };
  let top = -1;
  let left = image.width;
  let right = -1;
  let bottom = -1;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (!dark(x, y)) continue;
      if (top < 0) top = y;
      bottom = y;
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  if (top < 0) throw new Error('no QR code in the image');
  // The top-left finder pattern starts with a run of 7 dark modules.
  let run = 0;
  while (left + run <= right && dark(left + run, top)) run++;
  const moduleSize = run / 7;
  const count = Math.round((right - left + 1) / moduleSize);
  const rows: boolean[][] = [];
  for (let r = 0; r < count; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < count; c++) row.push(dark(Math.floor(left + (c + 0.5) * moduleSize), Math.floor(top + (r + 0.5) * moduleSize)));
    rows.push(row);
  }
  return rows;
}

/** Half blocks in black and white (ANSI colours), with the quiet zone a scanner needs. */
export function renderQr(modules: boolean[][], quiet = 2): string {
  const size = modules.length + quiet * 2;
  const at = (r: number, c: number) => modules[r - quiet]?.[c - quiet] ?? false;
  const lines: string[] = [];
  for (let r = 0; r < size; r += 2) {
    let line = '';
    for (let c = 0; c < size; c++) {
      // Foreground paints the upper half, background the lower: 30/40 black, 97/107 white.
      line += `\x1b[${at(r, c) ? 30 : 97};${at(r + 1, c) ? 40 : 107}m▀`;
    }
    lines.push(`${line}\x1b[0m`);
  }
  return lines.join('\n');
}
