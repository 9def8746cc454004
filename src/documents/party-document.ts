// A Party document (biên bản, nghị quyết) as data: composed with its words in src/text, rendered
// to Markdown and .docx in this folder, so both files always say the same thing.

export type DocumentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; italic?: boolean; bold?: boolean }
  | { kind: 'list'; items: string[]; ordered: boolean }
  | { kind: 'table'; header: string[]; rows: string[][] };

export interface PartyDocument {
  /** File name without extension, ASCII (e.g. "bien-ban-chi-bo-so-3"). */
  fileName: string;
  /** The two-column header: the organisation on the left, the Party's name on the right. */
  header: { left: string[]; right: string[]; dateLine: string };
  /** Centred, bold lines ("BIÊN BẢN", "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 12 NĂM 2026"). */
  title: string[];
  blocks: DocumentBlock[];
  /** Side by side at the foot: role line and name (null leaves room to sign). */
  signatures: { role: string; name: string | null }[];
}

export interface RenderedFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}
