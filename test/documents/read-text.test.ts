import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/documents/docx.ts';
import type { PartyDocument } from '../../src/documents/party-document.ts';
import { MAX_UPLOAD_BYTES, readUploadedText, UnsupportedUpload } from '../../src/documents/read-text.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

const minutes: PartyDocument = {
  fileName: 'bien-ban',
  header: { left: ['ĐẢNG BỘ PHƯỜNG BẾN THÀNH', 'CHI BỘ TỔ DÂN PHỐ 5'], right: ['ĐẢNG CỘNG SẢN VIỆT NAM'], dateLine: 'Bến Thành, ngày 05 tháng 12 năm 2026' },
  title: ['BIÊN BẢN', 'SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 12 NĂM 2026'],
  blocks: [
    { kind: 'heading', text: 'I. THÀNH PHẦN' },
    { kind: 'paragraph', text: 'Chủ trì: đồng chí Nguyễn Thị Lan. Thư ký: đồng chí Lê Văn Cường.' },
    { kind: 'table', header: ['STT', 'Họ và tên'], rows: [['1', 'Trần Văn Bình']] },
    { kind: 'list', ordered: true, items: ['Thông tin thời sự.', 'Phương hướng tháng 01 năm 2027.'] },
  ],
  signatures: [
    { role: 'THƯ KÝ', name: 'Lê Văn Cường' },
    { role: 'CHỦ TRÌ', name: 'Nguyễn Thị Lan' },
  ],
};

async function rejection(file: { name: string; bytes: Uint8Array }): Promise<UnsupportedUpload> {
  const error = await readUploadedText(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnsupportedUpload);
  return error as UnsupportedUpload;
}

describe('readUploadedText', () => {
  it('reads back a rendered .docx', async () => {
    const text = await readUploadedText({ name: 'Biên bản.docx'.normalize('NFC'), bytes: await renderDocx(minutes) });
    let from = 0;
    for (const word of ['CHI BỘ TỔ DÂN PHỐ 5', 'BIÊN BẢN', 'I. THÀNH PHẦN', 'Chủ trì: đồng chí Nguyễn Thị Lan', 'Trần Văn Bình', '2. Phương hướng', 'Lê Văn Cường', 'Nguyễn Thị Lan']) {
      const at = text.indexOf(word, from);
      expect(at, word).toBeGreaterThanOrEqual(0);
      from = at + word.length;
    }
    expect(text).not.toContain('\r');
    expect(text).toBe(text.normalize('NFC'));
  });

  it('reads UTF-8 text with or without a BOM, with CRLF or CR line ends, as NFC with \\n', async () => {
    const expected = 'Biên bản sinh hoạt chi bộ\nChủ trì: đồng chí Nguyễn Thị Lan\n';
    const crlf = expected.replace(/\n/g, '\r\n');
    expect(await readUploadedText({ name: 'bien-ban.txt', bytes: utf8(expected) })).toBe(expected);
    expect(await readUploadedText({ name: 'bien-ban.txt', bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(crlf)]) })).toBe(expected);
    expect(await readUploadedText({ name: 'BIEN-BAN.TXT', bytes: utf8(crlf) })).toBe(expected);
    expect(await readUploadedText({ name: 'notes.md', bytes: utf8(expected.replace(/\n/g, '\r')) })).toBe(expected);
    // Text typed on some phones and Macs comes decomposed (NFD).
    const decomposed = await readUploadedText({ name: 'bien-ban.txt', bytes: utf8(expected.normalize('NFD')) });
    expect(decomposed).toBe(expected);
    expect(await readUploadedText({ name: 'empty.txt', bytes: new Uint8Array() })).toBe('');
  });

  it('refuses text that is not UTF-8, such as Windows-1258', async () => {
    // "Biên bản chi bộ" in Windows-1258: ê = EA, a + hook above (D2), ô (F4) + dot below (F2).
    const cp1258 = new Uint8Array([0x42, 0x69, 0xea, 0x6e, 0x20, 0x62, 0x61, 0xd2, 0x6e, 0x20, 0x63, 0x68, 0x69, 0x20, 0x62, 0xf4, 0xf2]);
    expect(new TextDecoder('windows-1258').decode(cp1258).normalize('NFC')).toBe('Biên bản chi bộ'.normalize('NFC'));
    expect((await rejection({ name: 'bien-ban.txt', bytes: cp1258 })).reason).toBe('encoding');
  });

  it.each(['bien-ban.pdf', 'bien-ban.doc', 'anh.jpg', 'scan.png', 'bien-ban', 'bien-ban.docx.exe'])('refuses %s by its type', async (name) => {
    expect((await rejection({ name, bytes: utf8('%PDF-1.7') })).reason).toBe('type');
  });

  it('calls a .docx that is not a Word file corrupt', async () => {
    const docx = await renderDocx(minutes);
    const notAZip = utf8('Biên bản');
    const truncated = docx.subarray(0, Math.floor(docx.length / 2));
    const zip = new JSZip();
    zip.file('readme.txt', 'not a document');
    const otherZip = await zip.generateAsync({ type: 'uint8array' });
    for (const bytes of [notAZip, truncated, otherZip]) {
      expect((await rejection({ name: 'bien-ban.docx', bytes })).reason).toBe('corrupt');
    }
  });

  it('refuses files over 2 MB', async () => {
    expect(MAX_UPLOAD_BYTES).toBe(2 * 1024 * 1024);
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x61);
    expect((await rejection({ name: 'bien-ban.txt', bytes: big })).reason).toBe('size');
    expect((await rejection({ name: 'bien-ban.docx', bytes: big })).reason).toBe('size');
    expect((await readUploadedText({ name: 'bien-ban.txt', bytes: big.subarray(1) })).length).toBe(MAX_UPLOAD_BYTES);
  });

  it('refuses a small .docx that would inflate to more than 64 MB', async () => {
    const bytes = new Uint8Array(await renderDocx(minutes));
    const view = new DataView(bytes.buffer);
    // Find word/document.xml in the central directory and make it claim 100 MB uncompressed.
    const name = utf8('word/document.xml');
    let patched = false;
    for (let at = 0; at + 46 < bytes.length; at++) {
      if (view.getUint32(at, true) !== 0x02014b50) continue;
      const nameLength = view.getUint16(at + 28, true);
      if (nameLength === name.length && bytes.subarray(at + 46, at + 46 + nameLength).every((b, i) => b === name[i])) {
        view.setUint32(at + 24, 100 * 1024 * 1024, true);
        patched = true;
      }
    }
    expect(patched).toBe(true);
    expect((await rejection({ name: 'bien-ban.docx', bytes })).reason).toBe('size');
  });
});
