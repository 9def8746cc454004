// The text of an uploaded file of minutes: plain text (.txt, .md) in UTF-8, or a Word .docx.
// Anything else (.doc, .pdf, images) is refused with a reason the caller can put into words.

export type UnsupportedUploadReason = 'type' | 'encoding' | 'corrupt' | 'size';

export class UnsupportedUpload extends Error {
  constructor(readonly reason: UnsupportedUploadReason) {
    super(`Unsupported upload: ${reason}`);
    this.name = 'UnsupportedUpload';
  }
}

/** Largest upload read: 2 MB (2 MiB) of bytes. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
/** Largest total of the files inside a .docx once inflated, so a small zip cannot fill the memory. */
export const MAX_DOCX_INFLATED_BYTES = 64 * 1024 * 1024;

const extension = (name: string) => /\.([^./\\]+)$/.exec(name.trim())?.[1]?.toLowerCase() ?? '';

function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UnsupportedUpload('encoding');
  }
}

/**
 * The sum of the uncompressed sizes a zip file's central directory gives, or null when there is no
 * readable central directory (mammoth then fails on it and the file is called corrupt).
 */
function inflatedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end of central directory record: 22 bytes, then a comment of up to 65535 bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const entries = view.getUint16(at + 10, true);
    let entry = view.getUint32(at + 16, true);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (entry + 46 > bytes.length || view.getUint32(entry, true) !== 0x02014b50) return null;
      const size = view.getUint32(entry + 24, true);
      // 0xffffffff: the size is in a ZIP64 field; count it as too large rather than read ZIP64.
      total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
      entry += 46 + view.getUint16(entry + 28, true) + view.getUint16(entry + 30, true) + view.getUint16(entry + 32, true);
    }
    return total;
  }
  return null;
}

async function docxText(bytes: Uint8Array): Promise<string> {
  const inflated = inflatedSize(bytes);
  if (inflated !== null && inflated > MAX_DOCX_INFLATED_BYTES) throw new UnsupportedUpload('size');
  try {
    const { default: mammoth } = await import('mammoth'); // loaded on the first .docx, not at start
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return result.value;
  } catch {
    throw new UnsupportedUpload('corrupt');
  }
}

/** The text of an uploaded .txt, .md or .docx file, in NFC with \n line ends. Throws UnsupportedUpload. */
export async function readUploadedText(file: { name: string; bytes: Uint8Array }): Promise<string> {
  if (file.bytes.byteLength > MAX_UPLOAD_BYTES) throw new UnsupportedUpload('size');
  switch (extension(file.name)) {
    case 'txt':
    case 'md':
      return normalise(decodeUtf8(file.bytes));
    case 'docx':
      return normalise(await docxText(file.bytes));
    default:
      throw new UnsupportedUpload('type');
  }
}
