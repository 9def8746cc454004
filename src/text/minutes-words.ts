// Vietnamese words the minutes feature reads: state-secret classification marks (domain-rules.md §7.1)
// and the words of a #giao tag.

/** The three degrees of Luật Bảo vệ bí mật nhà nước 2018, Art. 8, most severe first. */
export const classificationMarks = ['TUYỆT MẬT', 'TỐI MẬT', 'MẬT'] as const;
export type ClassificationMark = (typeof classificationMarks)[number];

/** Words that make "mật" part of an ordinary word, not a stamp ("bí mật", "mật khẩu", "mật độ"…). */
export const notAMarkBefore = ['bí', 'bảo', 'thân', 'cơ', 'kín', 'giữ'];
export const notAMarkAfter = ['khẩu', 'thiết', 'độ', 'ong', 'mã', 'báo', 'thám', 'vụ', 'ước', 'danh', 'thư', 'đàm', 'lệnh', 'nghị'];
/** A label that introduces the degree: "Độ mật: Mật" (with its colon; "xác định độ mật của tài liệu" is prose). */
export const classificationLabel = 'độ mật';

/** #giao Lê Minh Tuấn: việc … hạn 20/12 — the words before a deadline. */
export const deadlineWords = ['hạn chót', 'thời hạn', 'hạn', 'trước ngày', 'chậm nhất ngày', 'chậm nhất', 'xong trước', 'trước'];
/** Words before a name that are not part of it: "đồng chí", "đ/c". */
export const nameTitles = ['đồng chí', 'đ/c', 'đc', 'anh', 'chị'];
/** "hạn ngày 20/12" */
export const dayWord = 'ngày';
/** The word of the marks, and the words that make it a higher degree. */
export const markWord = 'mật';
export const higherDegrees: Record<string, ClassificationMark> = { 'tối': 'TỐI MẬT', 'tuyệt': 'TUYỆT MẬT' };

const titles = new RegExp(`^(?:${nameTitles.map((t) => t.replace(/[/]/g, '\\/')).join('|')})\\s+`, 'iu');
/** "đ/c Lê Minh Tuấn" → "Lê Minh Tuấn". */
export const withoutTitle = (name: string): string => name.trim().replace(titles, '');
