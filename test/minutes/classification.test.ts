import { describe, expect, it } from 'vitest';
import { classificationMark } from '../../src/minutes/classification.ts';
import type { ClassificationMark } from '../../src/text/minutes-words.ts';

const MARKED: [string, ClassificationMark][] = [
  ['MẬT', 'MẬT'],
  ['TỐI MẬT', 'TỐI MẬT'],
  ['TUYỆT MẬT', 'TUYỆT MẬT'],
  ['Mật', 'MẬT'],
  ['  mật  ', 'MẬT'],
  ['(Mật)', 'MẬT'],
  ['[mật]', 'MẬT'],
  ['"MẬT"', 'MẬT'],
  ['«Tối mật»', 'TỐI MẬT'],
  ['* MẬT *', 'MẬT'],
  ['Độ mật: Mật', 'MẬT'],
  ['Độ mật: Tối mật', 'TỐI MẬT'],
  ['ĐỘ MẬT: TUYỆT MẬT', 'TUYỆT MẬT'],
  ['độ mật : tối mật', 'TỐI MẬT'],
  ['tài liệu TỐI MẬT', 'TỐI MẬT'],
  ['Số: 12-BB/CB MẬT', 'MẬT'],
  ['Đây là tài liệu tuyệt mật, không được sao chụp.', 'TUYỆT MẬT'],
  ['Đồng chí Hoa phổ biến tài liệu tối mật của cấp trên.', 'TỐI MẬT'],
  ['Tài liệu (mật) do đồng chí Bí thư giữ.', 'MẬT'],
  ['Chi bộ nghe phổ biến văn bản MẬT của Đảng ủy phường.', 'MẬT'],
  // A stamp on its own line in a whole biên bản.
  ['ĐẢNG BỘ PHƯỜNG 5\nCHI BỘ TỔ DÂN PHỐ 5\nMẬT\n\nBIÊN BẢN HỌP CHI BỘ\nNgày 10/12/2026', 'MẬT'],
  ['BIÊN BẢN\r\n(Tối mật)\r\nChi bộ họp', 'TỐI MẬT'],
  // The most severe mark wins.
  ['MẬT\nTài liệu này TUYỆT MẬT', 'TUYỆT MẬT'],
  ['Độ mật: Mật\nTỐI MẬT', 'TỐI MẬT'],
  ['tối mật và tuyệt mật và MẬT', 'TUYỆT MẬT'],
];

const ORDINARY: string[] = [
  'bí mật nhà nước',
  'BẢO VỆ BÍ MẬT NHÀ NƯỚC',
  'Chi bộ quán triệt Luật Bảo vệ bí mật nhà nước năm 2018.',
  'Giữ bí mật, không để lộ',
  'mật khẩu',
  'Mật khẩu wifi hội trường là 12345678',
  'MẬT KHẨU WIFI',
  'quan hệ mật thiết với nhân dân',
  'QUAN HỆ MẬT THIẾT',
  'mật độ dân cư',
  'Mật độ dân cư trong tổ cao',
  'mật ong',
  'Mật ong rừng',
  'không khí thân mật',
  'THÂN MẬT',
  'cơ mật',
  'Có mặt 20 đồng chí',
  'CÓ MẶT: 20/22 ĐỒNG CHÍ',
  'Mặt trận Tổ quốc phường',
  'Tài liệu mật được quản lý đúng quy định.',
  'Ngày mai chi bộ họp.',
  [
    'BIÊN BẢN HỌP CHI BỘ THÁNG 12/2026',
    'Thời gian: 8 giờ ngày 10/12/2026. Địa điểm: Hội trường tổ dân phố 5.',
    'Chủ trì: đồng chí Nguyễn Văn Bình, Bí thư chi bộ. Thư ký: đồng chí Lý Ngọc Mai.',
    'Có mặt 20/22 đồng chí; vắng 2 đồng chí (có lý do).',
    'I. KIỂM ĐIỂM THỰC HIỆN NGHỊ QUYẾT THÁNG 11',
    'Chi bộ thống nhất thu đảng phí quý IV; đồng chí Tuấn rà soát danh sách đảng viên, hạn 20/12.',
    'Chi ủy quán triệt việc giữ bí mật nhà nước, quản lý mật khẩu máy tính của tổ.',
    'Quan hệ mật thiết với Mặt trận và các đoàn thể được giữ vững.',
  ].join('\n'),
  '',
];

describe('classificationMark', () => {
  it.each(MARKED)('%s → %s', (text, mark) => {
    expect(classificationMark(text)).toBe(mark);
  });

  it.each(ORDINARY)('%s carries no mark', (text) => {
    expect(classificationMark(text)).toBeNull();
  });

  it('reads decomposed (NFD) text as composed', () => {
    for (const [text, mark] of MARKED) expect(classificationMark(text.normalize('NFD')), text).toBe(mark);
    for (const text of ORDINARY) expect(classificationMark(text.normalize('NFD')), text).toBeNull();
  });

  it('does not take "BẢO MẬT" in capitals for a stamp', () => {
    expect(classificationMark('III. CÔNG TÁC BẢO MẬT, AN NINH TRẬT TỰ')).toBeNull();
  });

  it('does not read "xác định độ mật … bí mật" as a degree', () => {
    expect(classificationMark('Chi ủy quán triệt việc xác định độ mật của tài liệu, bảo vệ bí mật nhà nước.')).toBeNull();
  });
});
