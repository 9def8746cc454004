import { describe, expect, it } from 'vitest';
import {
  parseAttendanceSheet,
  parseMeetingForm,
  parseOffsets,
  parseRule,
  readKind,
  readMeetingNumber,
  readMembers,
  type MeetingForm,
  type SheetLine,
} from '../../src/commands/meeting-input.ts';
import type { RosterMember } from '../../src/domain/roster.ts';
import { errorOf, rosterMember } from '../support/fixtures.ts';

/** Sunday 22/11/2026 10:00 in Vietnam (UTC+7). */
const now = new Date('2026-11-22T03:00:00Z');

const member = rosterMember;

// ids differ from seq numbers so that a mix-up between the two shows.
const an = member(101, 1, 'Nguyễn Văn An', { role: 'BI_THU' });
const bich = member(102, 2, 'Trần Thị Bích');
const cuong = member(103, 3, 'Lê Văn Cường');
const dung = member(104, 4, 'Phạm Thị Dung');
const duc = member(105, 5, 'Đỗ Văn Đức');
const hoa = member(106, 6, 'Nguyễn Thị Hoa', { membership: 'DU_BI' });
const members = [an, bich, cuong, dung, duc, hoa];

const form = (over: Partial<MeetingForm>): MeetingForm => ({
  kind: 'THUONG_KY',
  topic: null,
  startsAt: new Date('2026-12-05T07:00:00.000Z'),
  place: null,
  agenda: null,
  chair: null,
  ...over,
});

describe('parseMeetingForm (now: Sunday 22/11/2026 10:00 in Vietnam)', () => {
  it.each<[string, string, MeetingForm]>([
    [
      'positional form',
      'thường kỳ | 05/12/2026 14:00 | Hội trường KP3 | A; B',
      form({ place: 'Hội trường KP3', agenda: ['A', 'B'] }),
    ],
    ['positional form, time and kind only', 'thường kỳ | 05/12/2026 14:00', form({})],
    [
      'labelled lines',
      'thường kỳ\nThời gian: 05/12/2026 14:00\nĐịa điểm: Hội trường KP3\nNội dung: Thông tin thời sự; Đánh giá nghị quyết tháng 11\nChủ trì: Nguyễn Văn An',
      form({ place: 'Hội trường KP3', agenda: ['Thông tin thời sự', 'Đánh giá nghị quyết tháng 11'], chair: 'Nguyễn Văn An' }),
    ],
    [
      'labelled lines in any order, labels without diacritics',
      'Thuong ky\nchu toa: Trần Thị Bích\ndia diem: Nhà văn hoá\nthoi gian: 14h ngày 5/12/2026',
      form({ place: 'Nhà văn hoá', chair: 'Trần Thị Bích' }),
    ],
    [
      'a labelled place, then an unlabelled time fills the first free positional field',
      'thường kỳ\nĐịa điểm: Hội trường KP3\n05/12/2026 14:00',
      form({ place: 'Hội trường KP3' }),
    ],
    [
      'chuyên đề with its topic after the kind',
      'chuyên đề Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh | 05/12/2026 14:00 | Hội trường KP3',
      form({ kind: 'CHUYEN_DE', topic: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh', place: 'Hội trường KP3' }),
    ],
    [
      'chuyên đề with a "Chuyên đề:" line',
      'chuyên đề\nChuyên đề: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh\nThời gian: 05/12/2026 14:00',
      form({ kind: 'CHUYEN_DE', topic: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh' }),
    ],
    [
      'a topic line turns a monthly meeting into the combined session (§1.4)',
      'thường kỳ\nThời gian: 05/12/2026 14:00\nChuyên đề: Chuyển đổi số trong công tác đảng',
      form({ kind: 'KET_HOP', topic: 'Chuyển đổi số trong công tác đảng' }),
    ],
    [
      'the combined kind spelled out, topic after it',
      'thường kỳ kết hợp chuyên đề Chuyển đổi số | 05/12/2026 14:00',
      form({ kind: 'KET_HOP', topic: 'Chuyển đổi số' }),
    ],
    [
      'kết hợp with a "Chuyên đề:" line',
      'kết hợp | 05/12/2026 14:00 | Hội trường KP3\nChuyên đề: Chuyển đổi số',
      form({ kind: 'KET_HOP', topic: 'Chuyển đổi số', place: 'Hội trường KP3' }),
    ],
    ['words after a monthly kind are not a topic', 'thường kỳ tháng 12 | 05/12/2026 14:00', form({})],
    ['extraordinary meeting', 'đột xuất | 05/12/2026 14:00', form({ kind: 'BAT_THUONG' })],
    ['cell congress', 'đại hội chi bộ | 05/12/2026 14:00 | Hội trường KP3', form({ kind: 'DAI_HOI', place: 'Hội trường KP3' })],
    ['a weekday next week', 'thường kỳ | thứ Bảy tuần sau 14h30', form({ startsAt: new Date('2026-11-28T07:30:00.000Z') })],
    ['tomorrow morning', 'bất thường | ngày mai 8h', form({ kind: 'BAT_THUONG', startsAt: new Date('2026-11-23T01:00:00.000Z') })],
    ['a day and month early next year', 'thường kỳ | 5/1 7h30', form({ startsAt: new Date('2027-01-05T00:30:00.000Z') })],
  ])('%s', (_name, args, expected) => {
    expect(parseMeetingForm(args, now)).toEqual(expected);
  });

  it('05/12/2026 14:00 in Vietnam is 07:00 UTC', () => {
    expect(parseMeetingForm('thường kỳ | 05/12/2026 14:00', now).startsAt.toISOString()).toBe('2026-12-05T07:00:00.000Z');
  });

  // The colon after "chuyên đề" belongs to the label: the kind is still read, the topic follows it.
  it('"chuyên đề: <topic>" on the first line reads the kind and the topic', () => {
    expect(readKind('chuyên đề: Học tập')).toEqual({ kind: 'CHUYEN_DE', rest: 'Học tập' });
    expect(parseMeetingForm('chuyên đề: Học tập | 05/12/2026 14:00', now)).toEqual(form({ kind: 'CHUYEN_DE', topic: 'Học tập' }));
  });

  it.each<[string, string, string, Record<string, string | number>]>([
    ['chuyên đề without a topic', 'chuyên đề | 05/12/2026 14:00', 'meeting.topicMissing', {}],
    ['kết hợp without a topic', 'kết hợp | 05/12/2026 14:00 | Hội trường KP3', 'meeting.topicMissing', {}],
    ['chuyên đề with an empty topic line', 'chuyên đề\nThời gian: 05/12/2026 14:00\nChuyên đề:', 'meeting.topicMissing', {}],
    ['unknown kind', 'họp mặt | 05/12/2026 14:00', 'meeting.kindUnknown', { value: 'họp mặt' }],
    ['nothing at all', '', 'meeting.kindUnknown', { value: '' }],
    ['a time in the place of the kind', '05/12/2026 14:00 | thường kỳ', 'meeting.kindUnknown', { value: '05/12/2026 14:00' }],
    ['a past date this year', 'thường kỳ | 20/11/2026 14:00', 'when.past', { value: '20/11/2026 14:00' }],
    ['earlier today', 'thường kỳ | hôm nay 9h', 'when.past', { value: 'hôm nay 9h' }],
    ['a day and month already gone this year', 'thường kỳ | 20/11 14h', 'when.past', { value: '20/11 14h' }],
    ['a date without a time', 'thường kỳ | 05/12/2026 | Hội trường KP3', 'when.noTime', { value: '05/12/2026' }],
    ['a time without a date', 'thường kỳ | 14h | Hội trường KP3', 'when.noDate', { value: '14h' }],
    ['no time given at all', 'thường kỳ', 'when.noDate', { value: '' }],
    ['labelled place only', 'thường kỳ\nĐịa điểm: Hội trường KP3', 'when.noDate', { value: '' }],
    ['an extra unlabelled part', 'thường kỳ | 05/12/2026 14:00 | Hội trường KP3 | A; B | thêm', 'meeting.formExtra', { value: 'thêm' }],
    ['an unknown label once every field is filled', 'thường kỳ | 05/12/2026 14:00 | Hội trường KP3 | A\nGhi chú: mang sổ', 'meeting.formExtra', { value: 'Ghi chú: mang sổ' }],
  ])('%s → %s', (_name, args, code, vars) => {
    const error = errorOf(() => parseMeetingForm(args, now));
    expect(error.code).toBe(code);
    expect(error.vars).toEqual(vars);
  });
});

describe('readKind', () => {
  it.each<[string, ReturnType<typeof readKind>]>([
    ['thường kỳ', { kind: 'THUONG_KY', rest: '' }],
    ['Định kỳ', { kind: 'THUONG_KY', rest: '' }],
    ['sinh hoạt chi bộ thường kỳ', { kind: 'THUONG_KY', rest: '' }],
    ['chuyên đề Học tập', { kind: 'CHUYEN_DE', rest: 'Học tập' }],
    ['chuyen de - Hoc tap', { kind: 'CHUYEN_DE', rest: 'Hoc tap' }],
    ['thường kỳ kết hợp chuyên đề Chuyển đổi số', { kind: 'KET_HOP', rest: 'Chuyển đổi số' }],
    ['bất thường', { kind: 'BAT_THUONG', rest: '' }],
    ['đại hội chi bộ', { kind: 'DAI_HOI', rest: '' }],
    ['họp mặt', null],
    ['', null],
  ])('%j', (text, expected) => {
    expect(readKind(text)).toEqual(expected);
  });
});

describe('readMeetingNumber', () => {
  it.each<[string, { seq: number | null; rest: string }]>([
    ['số 3 lý do', { seq: 3, rest: 'lý do' }],
    ['#3', { seq: 3, rest: '' }],
    ['So 3', { seq: 3, rest: '' }],
    ['# 12 đổi địa điểm', { seq: 12, rest: 'đổi địa điểm' }],
    ['số 4 | Thời gian: 06/12/2026 8h', { seq: 4, rest: 'Thời gian: 06/12/2026 8h' }],
    ['  số 7 , mưa bão', { seq: 7, rest: 'mưa bão' }],
    // A time or a date is not a meeting number.
    ['14h30 5/12', { seq: null, rest: '14h30 5/12' }],
    ['5/12 14h30', { seq: null, rest: '5/12 14h30' }],
    ['thứ 7 14h', { seq: null, rest: 'thứ 7 14h' }],
    ['ngày 5 tháng 12', { seq: null, rest: 'ngày 5 tháng 12' }],
    ['lý do: mưa', { seq: null, rest: 'lý do: mưa' }],
    ['', { seq: null, rest: '' }],
  ])('%j', (args, expected) => {
    expect(readMeetingNumber(args)).toEqual(expected);
  });
});

describe('readMeetingNumber with a colon after the number', () => {
  // A colon after the meeting number ("số 3: mưa bão") separates the reason; "14:00" is still not a number.
  it.each<[string, { seq: number | null; rest: string }]>([
    ['số 3: mưa bão', { seq: 3, rest: 'mưa bão' }],
    ['#12: đổi địa điểm', { seq: 12, rest: 'đổi địa điểm' }],
  ])('%j', (args, expected) => {
    expect(readMeetingNumber(args)).toEqual(expected);
  });
});

describe('readMembers', () => {
  it.each<[string, string, RosterMember[]]>([
    ['a range', '1-3', [an, bich, cuong]],
    ['a reversed range', '3-1', [an, bich, cuong]],
    ['a range with spaces, then a number', '1 - 2, 5', [an, bich, duc]],
    ['full names', 'Nguyễn Văn An, Trần Thị Bích', [an, bich]],
    ['names without diacritics or capitals', 'nguyen van an, tran thi bich, do van duc', [an, bich, duc]],
    ['a member named twice is listed once', '2, Trần Thị Bích, 1-2', [bich, an]],
    ['empty list', '', []],
  ])('%s: %j', (_name, list, expected) => {
    expect(readMembers(list, members)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['Nguyễn Văn Bình', 'Nguyễn Văn Bình'],
    ['9', '9'],
    ['4-7', '7'],
    ['Nguyen Van', 'Nguyen Van'],
  ])('%j → member.notFound (%s)', (list, name) => {
    const error = errorOf(() => readMembers(list, members));
    expect(error.code).toBe('member.notFound');
    expect(error.vars).toEqual({ name });
  });
});

describe('parseAttendanceSheet', () => {
  it('reads present, excused with reasons containing commas, and unexcused lines', () => {
    const sheet = parseAttendanceSheet('có mặt: 1-3\nvắng có lý do: 4 (ốm, nằm viện), Đỗ Văn Đức (đi công tác), 6\nvắng không lý do: Trần Thị Bích', members);
    expect(sheet).toEqual<SheetLine[]>([
      { attendance: 'PRESENT', members: [an, bich, cuong], reasons: new Map(), rest: false },
      {
        attendance: 'ABSENT_EXCUSED',
        members: [dung, duc, hoa],
        reasons: new Map([
          [104, 'ốm, nằm viện'],
          [105, 'đi công tác'],
        ]),
        rest: false,
      },
      { attendance: 'ABSENT_UNEXCUSED', members: [bich], reasons: new Map(), rest: false },
    ]);
  });

  it.each<[string, SheetLine[]]>([
    ['có mặt: còn lại', [{ attendance: 'PRESENT', members: [], reasons: new Map(), rest: true }]],
    ['Có mặt: Còn lại', [{ attendance: 'PRESENT', members: [], reasons: new Map(), rest: true }]],
    [
      'vắng có lý do: 4 (ốm) | có mặt: tất cả còn lại',
      [
        { attendance: 'ABSENT_EXCUSED', members: [dung], reasons: new Map([[104, 'ốm']]), rest: false },
        { attendance: 'PRESENT', members: [], reasons: new Map(), rest: true },
      ],
    ],
    ['vang kld: 5', [{ attendance: 'ABSENT_UNEXCUSED', members: [duc], reasons: new Map(), rest: false }]],
    ['vắng: 5', [{ attendance: 'ABSENT_UNEXCUSED', members: [duc], reasons: new Map(), rest: false }]],
    ['co ly do: do van duc (con om, chua khoi)', [{ attendance: 'ABSENT_EXCUSED', members: [duc], reasons: new Map([[105, 'con om, chua khoi']]), rest: false }]],
  ])('%j', (args, expected) => {
    expect(parseAttendanceSheet(args, members)).toEqual(expected);
  });

  // One reason in parentheses after a range applies to every member of the range.
  it('a reason after a range applies to every member of the range', () => {
    const [line] = parseAttendanceSheet('vắng có lý do: 4-5 (đi công tác)', members);
    expect(line!.members).toEqual([dung, duc]);
    expect(line!.reasons).toEqual(
      new Map([
        [104, 'đi công tác'],
        [105, 'đi công tác'],
      ]),
    );
  });

  it.each<[string, string, Record<string, string | number>]>([
    ['đến muộn: 3', 'attendance.lineUnknown', { value: 'đến muộn: 3' }],
    ['có mặt: 1-3\n4, 5', 'attendance.lineUnknown', { value: '4, 5' }],
    ['', 'command.syntax', {}],
    ['có mặt: 1-3, Nguyễn Văn Bình', 'member.notFound', { name: 'Nguyễn Văn Bình' }],
    ['vắng có lý do: 9 (ốm)', 'member.notFound', { name: '9' }],
  ])('%j → %s', (args, code, vars) => {
    const error = errorOf(() => parseAttendanceSheet(args, members));
    expect(error.code).toBe(code);
    expect(error.vars).toEqual(vars);
  });
});

describe('parseRule', () => {
  it.each<[string, ReturnType<typeof parseRule>]>([
    ['ngày 1 hằng tháng lúc 7h30 | Hội trường', { dayOfMonth: 1, time: '07:30', shiftToWorkingDay: true, place: 'Hội trường' }],
    ['ngày 15 hằng tháng lúc 19h không lùi', { dayOfMonth: 15, time: '19:00', shiftToWorkingDay: false, place: null }],
    ['ngày 1 hằng tháng lúc 7h30 | Địa điểm: Hội trường KP3', { dayOfMonth: 1, time: '07:30', shiftToWorkingDay: true, place: 'Hội trường KP3' }],
    ['Ngay 5 hang thang luc 19:30', { dayOfMonth: 5, time: '19:30', shiftToWorkingDay: true, place: null }],
    ['ngày 10 hằng tháng lúc 8 giờ 15, giữ nguyên ngày', { dayOfMonth: 10, time: '08:15', shiftToWorkingDay: false, place: null }],
    ['ngày 31 hằng tháng lúc 14g', { dayOfMonth: 31, time: '14:00', shiftToWorkingDay: true, place: null }],
  ])('%j', (args, expected) => {
    expect(parseRule(args)).toEqual(expected);
  });

  it.each([
    ['hằng tháng lúc 7h30'],
    ['ngày 1 hằng tháng'],
    ['ngày 0 hằng tháng lúc 7h'],
    ['ngày 32 hằng tháng lúc 7h'],
    ['ngày 1 hằng tháng lúc 24h'],
    ['ngày 1 hằng tháng lúc 7h60'],
    [''],
  ])('%j → rule.invalid', (args) => {
    expect(errorOf(() => parseRule(args)).code).toBe('rule.invalid');
  });
});

describe('parseOffsets', () => {
  it.each<[string, number[]]>([
    ['3 ngày, 1 ngày, 1 giờ', [4320, 1440, 60]],
    ['30 phút', [30]],
    ['1 giờ, 3 ngày', [4320, 60]],
    ['2 giờ; 30 phút', [120, 30]],
    ['2h, 45p, 1 tiếng', [120, 60, 45]],
    ['1 ngày, 24 giờ', [1440]],
    ['30 ngày', [43200]],
    ['1 ngày, 2 ngày, 3 ngày, 4 ngày, 5 ngày', [7200, 5760, 4320, 2880, 1440]],
  ])('%j → %j', (text, expected) => {
    expect(parseOffsets(text)).toEqual(expected);
  });

  it.each([
    ['too many', '1 ngày, 2 ngày, 3 ngày, 4 ngày, 5 ngày, 6 ngày'],
    ['too big (over 30 days)', '31 ngày'],
    ['too big in hours', '721 giờ'],
    ['zero', '0 giờ'],
    ['zero among others', '1 ngày, 0 phút'],
    ['unknown unit', '2 tuần'],
    ['no number', 'một ngày'],
    ['empty', ''],
  ])('%s: %j → settings.offsetInvalid', (_name, text) => {
    expect(errorOf(() => parseOffsets(text)).code).toBe('settings.offsetInvalid');
  });
});
