/**
 * A link as a QR code's modules, drawn as one SVG path (no network, no canvas): the page renders it at any size
 * and a projector shows it crisp.
 */
import { encode } from 'uqr';

/** Quiet zone in modules on every side: the 4 the QR standard asks for, so phones find the code on any background. */
export const QUIET_ZONE = 4;

/** A QR code ready for an SVG: `size` modules a side (quiet zone included), `path` the dark modules in module units. */
export interface QrDrawing {
  readonly size: number;
  readonly path: string;
}

/**
 * The QR code of `text` at error correction level M (15 %): a code on a projector is read at an angle, from far,
 * with glare, and M keeps a long lesson link at a version a phone still resolves from the back of a room.
 * Horizontal runs of dark modules become one rectangle each, so a 100-character link is a path of a few KB.
 */
export function qrDrawing(text: string): QrDrawing {
  const { data, size } = encode(text, { ecc: 'M', border: QUIET_ZONE });
  const parts: string[] = [];
  for (let y = 0; y < size; y++) {
    const row = data[y];
    let x = 0;
    while (x < size) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  }
  return { size, path: parts.join('') };
}
