import { describe, expect, it } from 'vitest';
import { parseAssignment, parseEdit, parseTag, readDate, readDeadline } from '../../src/commands/minutes-input.ts';
import type { RosterMember } from '../../src/domain/roster.ts';
import { errorOf, rosterMember } from '../support/fixtures.ts';

/** Saturday 10/12/2026, the day of the meeting. */
const meetingDate = '2026-12-10';

const member = rosterMember;

// ids differ from seq numbers so that a mix-up between the two shows.
const tuan = member(101, 1, 'Lê Minh Tuấn', { role: 'BI_THU' });
const hoa = member(102, 2, 'Trần Thị Hoa');
const mai = member(103, 3, 'Lý Ngọc Mai');
const ROSTER = [tuan, hoa, mai];

describe('parseTag', () => {
  it.each<[string, { tag: string; word: string; body: string }]>([
    ['#chude Công tác đảng phí', { tag: 'TOPIC', word: 'chude', body: 'Công tác đảng phí' }],
    ['#ykien Đề nghị tăng cường sinh hoạt', { tag: 'OPINION', word: 'ykien', body: 'Đề nghị tăng cường sinh hoạt' }],
    ['#ketluan Thống nhất thu đảng phí quý IV', { tag: 'CONCLUSION', word: 'ketluan', body: 'Thống nhất thu đảng phí quý IV' }],
    ['#giao Lê Minh Tuấn: rà soát, hạn 20/12', { tag: 'TASK', word: 'giao', body: 'Lê Minh Tuấn: rà soát, hạn 20/12' }],
    ['#nghiquyet Kết nạp quần chúng Nguyễn Văn A', { tag: 'RESOLUTION', word: 'nghiquyet', body: 'Kết nạp quần chúng Nguyễn Văn A' }],
    ['#xoa', { tag: 'UNDO', word: 'xoa', body: '' }],
    ['#xóa', { tag: 'UNDO', word: 'xoa', body: '' }],
    ['#kếtluận Thống nhất', { tag: 'CONCLUSION', word: 'ketluan', body: 'Thống nhất' }],
    ['#KẾTLUẬN Thống nhất', { tag: 'CONCLUSION', word: 'ketluan', body: 'Thống nhất' }],
    ['#Giao Trần Thị Hoa - báo cáo', { tag: 'TASK', word: 'giao', body: 'Trần Thị Hoa - báo cáo' }],
    ['#nghịquyết Thông qua', { tag: 'RESOLUTION', word: 'nghiquyet', body: 'Thông qua' }],
    ['#ketluan: Thống nhất', { tag: 'CONCLUSION', word: 'ketluan', body: 'Thống nhất' }],
    ['#ketluan:Thống nhất', { tag: 'CONCLUSION', word: 'ketluan', body: 'Thống nhất' }],
    ['  #ketluan   Thống nhất  ', { tag: 'CONCLUSION', word: 'ketluan', body: 'Thống nhất' }],
    ['#ketluan\nDòng một\nDòng hai', { tag: 'CONCLUSION', word: 'ketluan', body: 'Dòng một\nDòng hai' }],
    // Decomposed input (Unikey "Unicode tổ hợp") is read composed.
    ['#kếtluận Thống nhất'.normalize('NFD'), { tag: 'CONCLUSION', word: 'ketluan', body: 'Thống nhất' }],
  ])('%s', (text, expected) => {
    expect(parseTag(text)).toEqual(expected);
  });

  it.each([
    'Thống nhất thu đảng phí',
    '#abc Thống nhất',
    '#ketluanabc Thống nhất',
    'Chi bộ #ketluan thống nhất',
    'Đồng chí Tuấn #giao rà soát',
    '# ketluan Thống nhất',
    '#',
    '',
  ])('%s is no tag', (text) => {
    expect(parseTag(text)).toBeNull();
  });
});

describe('readDeadline', () => {
  it.each<[string, string, string]>([
    ['Rà soát danh sách đảng viên, hạn 20/12', 'Rà soát danh sách đảng viên', '2026-12-20'],
    ['Rà soát danh sách đảng viên hạn: 20/12/2026', 'Rà soát danh sách đảng viên', '2026-12-20'],
    ['Nộp báo cáo trước ngày 5/1', 'Nộp báo cáo', '2027-01-05'],
    ['Nộp báo cáo [hạn 20/12]', 'Nộp báo cáo', '2026-12-20'],
    ['Nộp báo cáo (hạn 20/12).', 'Nộp báo cáo', '2026-12-20'],
    ['Nộp báo cáo chậm nhất 31/12', 'Nộp báo cáo', '2026-12-31'],
    ['Nộp báo cáo, chậm nhất ngày 31/12', 'Nộp báo cáo', '2026-12-31'],
    ['Nộp báo cáo; thời hạn 20-12-2026', 'Nộp báo cáo', '2026-12-20'],
    ['Nộp báo cáo, Hạn chót 20.12', 'Nộp báo cáo', '2026-12-20'],
    ['Nộp báo cáo xong trước 15/12', 'Nộp báo cáo', '2026-12-15'],
    ['Nộp báo cáo hạn ngày 20/12/27', 'Nộp báo cáo', '2027-12-20'],
    // A day and month before the meeting is next year's.
    ['Nộp báo cáo hạn 9/12', 'Nộp báo cáo', '2027-12-09'],
    ['Nộp báo cáo hạn 10/12', 'Nộp báo cáo', '2026-12-10'],
    ['Gia hạn hợp đồng thuê hội trường, hạn 20/12', 'Gia hạn hợp đồng thuê hội trường', '2026-12-20'],
  ])('%s', (text, rest, dueOn) => {
    expect(readDeadline(text, meetingDate)).toEqual({ text: rest, dueOn });
  });

  it.each([
    'Rà soát danh sách đảng viên',
    'Tổng kết công tác năm 2026',
    'Chuẩn bị cho đợt kiểm tra ngày 20/12', // a date, but no deadline word
    'Hạn 20/12 nộp báo cáo', // the deadline is read only at the end
  ])('%s has no deadline and is left as it is', (text) => {
    expect(readDeadline(text, meetingDate)).toEqual({ text, dueOn: null });
  });

  it('trims the text when there is no deadline', () => {
    expect(readDeadline('  Rà soát danh sách  ', meetingDate)).toEqual({ text: 'Rà soát danh sách', dueOn: null });
  });

  it.each(['Nộp báo cáo, hạn 31/02', 'Nộp báo cáo hạn 32/12', 'Nộp báo cáo hạn 20/13', 'Nộp báo cáo hạn 29/02/2027'])(
    '%s is no date',
    (text) => {
      const error = errorOf(() => readDeadline(text, meetingDate));
      expect(error.code).toBe('minutes.dateInvalid');
    },
  );

  it('reads decomposed (NFD) text as composed', () => {
    expect(readDeadline('Nộp báo cáo, hạn 20/12'.normalize('NFD'), meetingDate).dueOn).toBe('2026-12-20');
  });
});

describe('readDate', () => {
  it.each<[string, string]>([
    ['20/12', '2026-12-20'],
    [' 20/12/2026 ', '2026-12-20'],
    ['20-12', '2026-12-20'],
    ['20.12.26', '2026-12-20'],
    ['10/12', '2026-12-10'],
    ['5/1', '2027-01-05'],
    ['9/12', '2027-12-09'],
    ['1/6/2026', '2026-06-01'],
  ])('%s', (text, date) => {
    expect(readDate(text, meetingDate)).toBe(date);
  });

  it.each(['abc', '', '20', '20/12 sáng', '31/02', '0/12', '20/12/2026/1'])('%s throws', (text) => {
    expect(errorOf(() => readDate(text, meetingDate)).code).toBe('minutes.dateInvalid');
  });
});

describe('parseAssignment', () => {
  it('reads a full name before a colon, the task with its capital and the deadline', () => {
    expect(parseAssignment('Lê Minh Tuấn: rà soát danh sách đảng viên, hạn 20/12', ROSTER, meetingDate)).toEqual({
      owner: tuan,
      ownerName: 'Lê Minh Tuấn',
      what: 'Rà soát danh sách đảng viên',
      dueOn: '2026-12-20',
    });
  });

  it.each<[string, RosterMember, string]>([
    ['đ/c Tuấn - rà soát danh sách', tuan, 'Rà soát danh sách'],
    ['Đồng chí Hoa: hoàn thành báo cáo', hoa, 'Hoàn thành báo cáo'],
    ['đc Trần Thị Hoa – hoàn thành báo cáo', hoa, 'Hoàn thành báo cáo'],
    ['le minh tuan: rà soát', tuan, 'Rà soát'],
    ['đ/c Tuấn rà soát danh sách', tuan, 'Rà soát danh sách'],
    ['Lê Minh Tuấn rà soát danh sách', tuan, 'Rà soát danh sách'],
    ['đồng chí Mai nộp báo cáo', mai, 'Nộp báo cáo'],
  ])('%s', (body, owner, what) => {
    expect(parseAssignment(body, ROSTER, meetingDate)).toEqual({ owner, ownerName: owner.fullName, what, dueOn: null });
  });

  it('keeps an owner outside the roster as written', () => {
    expect(parseAssignment('Chi ủy: chuẩn bị hồ sơ kết nạp, hạn 31/12', ROSTER, meetingDate)).toEqual({
      owner: null,
      ownerName: 'Chi ủy',
      what: 'Chuẩn bị hồ sơ kết nạp',
      dueOn: '2026-12-31',
    });
  });

  it('names no member when two share the given name', () => {
    const roster = [...ROSTER, member(104, 4, 'Nguyễn Văn Tuấn')];
    const parsed = parseAssignment('Tuấn: rà soát danh sách', roster, meetingDate);
    expect(parsed.owner).toBeNull();
    expect(parsed.what).toBe('Rà soát danh sách');
    // Without a separator the given name is not taken as an owner at all.
    expect(parseAssignment('Tuấn rà soát danh sách', roster, meetingDate)).toEqual({
      owner: null, ownerName: null, what: 'Tuấn rà soát danh sách', dueOn: null,
    });
    // The full name still names one.
    expect(parseAssignment('Nguyễn Văn Tuấn: rà soát', roster, meetingDate).owner).toEqual(roster[3]);
  });

  it.each<[string, string, string | null]>([
    ['rà soát danh sách đảng viên', 'Rà soát danh sách đảng viên', null],
    ['rà soát danh sách đảng viên, hạn 20/12', 'Rà soát danh sách đảng viên', '2026-12-20'],
    // "mai" is tomorrow, not Lý Ngọc Mai.
    ['mai nộp báo cáo', 'Mai nộp báo cáo', null],
  ])('%s has no owner', (body, what, dueOn) => {
    expect(parseAssignment(body, ROSTER, meetingDate)).toEqual({ owner: null, ownerName: null, what, dueOn });
  });

  it('throws for an impossible deadline', () => {
    expect(errorOf(() => parseAssignment('Tuấn: rà soát, hạn 31/02', ROSTER, meetingDate)).code).toBe('minutes.dateInvalid');
  });

  it('does not take the first word of the task for a given name', () => {
    const roster = [...ROSTER, member(105, 5, 'Nguyễn Văn Tiến'), member(106, 6, 'Trần Thị Thu')];
    expect(parseAssignment('Tiến hành kiểm tra hồ sơ đảng viên', roster, meetingDate)).toEqual({
      owner: null, ownerName: null, what: 'Tiến hành kiểm tra hồ sơ đảng viên', dueOn: null,
    });
    expect(parseAssignment('Thu đảng phí quý IV', roster, meetingDate)).toEqual({
      owner: null, ownerName: null, what: 'Thu đảng phí quý IV', dueOn: null,
    });
  });

  it('does not split a time of day', () => {
    expect(parseAssignment('Chuẩn bị phòng họp lúc 7:30, hạn 20/12', ROSTER, meetingDate)).toEqual({
      owner: null, ownerName: null, what: 'Chuẩn bị phòng họp lúc 7:30', dueOn: '2026-12-20',
    });
  });
});

describe('parseEdit', () => {
  it('reads only a new text', () => {
    expect(parseEdit(['nội dung mới'])).toEqual({ text: 'nội dung mới', owner: undefined, due: undefined });
    expect(parseEdit([' Hoàn thành báo cáo: quý IV '])).toEqual({ text: 'Hoàn thành báo cáo: quý IV', owner: undefined, due: undefined });
  });

  it('reads the owner and the deadline after "|"', () => {
    expect(parseEdit(' Hoàn thành báo cáo | người: Lê Minh Tuấn | hạn: 20/12'.split('|'))).toEqual({
      text: 'Hoàn thành báo cáo', owner: 'Lê Minh Tuấn', due: '20/12',
    });
    // "/suamuc V2 | người: … | hạn: …" changes the owner and deadline only (the example in the help text).
    expect(parseEdit('| người: Lê Minh Tuấn | hạn: 20/12'.split('|'))).toEqual({ text: null, owner: 'Lê Minh Tuấn', due: '20/12' });
    expect(parseEdit(['', ' Người phụ trách : Trần Thị Hoa ', 'thoi han:31/12'])).toEqual({ text: null, owner: 'Trần Thị Hoa', due: '31/12' });
  });

  it('clears the owner or the deadline with "không"', () => {
    expect(parseEdit(['', 'người: không'])).toEqual({ text: null, owner: null, due: undefined });
    expect(parseEdit(['', 'Người: KHÔNG', 'hạn: bỏ'])).toEqual({ text: null, owner: null, due: null });
    expect(parseEdit(['', 'hạn: -'])).toEqual({ text: null, owner: undefined, due: null });
  });

  it('keeps everything when nothing is given', () => {
    expect(parseEdit([])).toEqual({ text: null, owner: undefined, due: undefined });
  });

  it.each<[string, string[]]>([
    ['an unknown label', ['Hoàn thành báo cáo', 'màu: đỏ']],
    ['a second text', ['Hoàn thành báo cáo', 'nội dung khác']],
    ['an empty part', ['Hoàn thành báo cáo', ' ']],
  ])('throws for %s', (_, parts) => {
    expect(errorOf(() => parseEdit(parts)).code).toBe('command.syntax');
  });
});
