// The Vietnamese words people use when they type a meeting time ("thứ Sáu tuần sau 7h30", "tối nay 19h").
// Keys are written as nameKey() leaves them: no diacritics, lower case, đ → d, single spaces.
// Several Vietnamese words collapse to the same key ("tối" evening and "tới" next are both "toi",
// "sáu" six and "sau" after are both "sau"); the parser matches the longest phrase first, so
// "tuan toi" and "thu sau" win over the single words.

/** Which part of the day a time belongs to; decides how a 12-hour number is read ("2h chiều" = 14:00). */
export type PartOfDay = 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';

/** "tuần này" is the current Monday–Sunday week, "tuần sau"/"tuần tới" the one after it. */
export type WeekChoice = 'this' | 'next';

/** A day counted from today, optionally with the part of the day it names ("tối nay" = today, evening). */
export type RelativeDay = { days: number; part?: PartOfDay };

export const whenWords = {
  /** ISO weekday: 1 = Monday (thứ Hai) … 7 = Sunday (Chủ nhật). Written words, digits and the T2…T7/CN shorthand. */
  weekday: {
    'thu hai': 1, 'thu 2': 1, t2: 1,
    'thu ba': 2, 'thu 3': 2, t3: 2,
    'thu tu': 3, 'thu 4': 3, t4: 3,
    'thu nam': 4, 'thu 5': 4, t5: 4,
    'thu sau': 5, 'thu 6': 5, t6: 5,
    'thu bay': 6, 'thu 7': 6, t7: 6,
    'chu nhat': 7, cn: 7,
  } as Record<string, number>,
  /** Days after today. "mốt" (day after tomorrow) has the same key as "một" (one); numbers are typed as digits here. */
  relativeDay: {
    'hom nay': { days: 0 },
    'sang nay': { days: 0, part: 'morning' },
    'trua nay': { days: 0, part: 'noon' },
    'chieu nay': { days: 0, part: 'afternoon' },
    'toi nay': { days: 0, part: 'evening' },
    'dem nay': { days: 0, part: 'night' },
    'ngay mai': { days: 1 },
    mai: { days: 1 },
    'ngay kia': { days: 2 },
    'ngay mot': { days: 2 },
    mot: { days: 2 },
  } as Record<string, RelativeDay>,
  week: { 'tuan nay': 'this', 'tuan sau': 'next', 'tuan toi': 'next' } as Record<string, WeekChoice>,
  partOfDay: { sang: 'morning', trua: 'noon', chieu: 'afternoon', toi: 'evening', dem: 'night' } as Record<string, PartOfDay>,
  /** After the hour: "14h", "14g30", "7 giờ". */
  hour: ['h', 'g', 'gio'],
  /** After the minutes: "7 giờ 30 phút", "14h30p", "14h30'". */
  minute: ['phut', 'p', "'"],
  /** "7 giờ rưỡi" = 7:30. */
  halfHour: ['ruoi'],
  /** Words that only introduce a time or a date: "lúc 14h", "vào lúc 14h". */
  at: ['luc', 'vao'],
  /** Before a date: "ngày 5 tháng 12 năm 2026", "ngày 05/12"; "mùng"/"mồng" for the first ten days ("mùng 5 tháng 12"). */
  day: ['ngay', 'mung', 'mong'],
  month: 'thang',
  year: 'nam',
};

/** Shown in error messages as ways of writing a meeting time; every one of them must parse. */
export const whenExamples = ['05/12/2026 14:00', '14h30 5/12', 'thứ Sáu tuần sau 7h30', 'ngày mai 8h'];
