// Elections through the bot (domain-rules.md §3.7): /baucu opens a round on paper, /kiemphieu enters
// each candidate's votes, the result follows electionRound; a bí thư not elected after three rounds
// goes to the upper committee.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserRef } from '../../src/channels/channel.ts';
import { createHarness, type Harness } from '../support/bot-harness.ts';

const vn = (local: string) => new Date(`${local}:00+07:00`);
const NAMES = ['Trần Thị Hoa', 'Lê Minh Tuấn', 'Huỳnh Kim Oanh', 'Hoàng Quốc Sơn', 'Phạm Ngọc Yến', 'Võ Đức Đạt'];

describe('elections', () => {
  let h: Harness;
  let bt: UserRef;
  beforeEach(async () => {
    h = await createHarness();
    bt = await h.createCell();
    for (const name of NAMES) await h.addLinkedMember(name);
    await h.say(bt, '/lichhop đại hội | 23/11/2026 14:00 | Hội trường');
    h.clock.set(vn('2026-11-23T14:00'));
    await h.say(bt, '/batdauhop');
    await h.say(bt, '/diemdanh có mặt: còn lại');
  });
  afterEach(() => h.close());

  const count = (seq: number, votes: string) => h.say(bt, `/kiemphieu số ${seq} | phát ra: 7 | thu về: 7 | hợp lệ: 7 | ${votes}`);

  it('elects those with more than half of D, the most votes first, and leaves a tie at the last seat to a new round', async () => {
    const [opened] = await h.say(bt, '/baucu Chi ủy viên | số lượng: 2 | ứng cử viên: Trần Thị Hoa, Lê Minh Tuấn, Huỳnh Kim Oanh');
    expect(opened).toContain('BẦU CỬ số 1 — Chi ủy viên (vòng 1, bầu 2 người)');
    expect(opened).toContain('ít nhất 4 phiếu tán thành');
    const [result] = await count(1, 'Trần Thị Hoa: 6 | Lê Minh Tuấn: 4 | Huỳnh Kim Oanh: 4');
    expect(result).toContain('- Trần Thị Hoa: 6/7 phiếu, đạt 85,71% — TRÚNG CỬ');
    expect(result).toContain('Các đồng chí Lê Minh Tuấn, Huỳnh Kim Oanh bằng phiếu ở vị trí cuối: bầu lại giữa các đồng chí này.');
    const [round2] = await h.say(bt, '/baucu Chi ủy viên | số lượng: 1 | ứng cử viên: Lê Minh Tuấn, Huỳnh Kim Oanh');
    expect(round2).toContain('(vòng 2, bầu 1 người)');
    const [result2] = await count(2, 'Lê Minh Tuấn: 5 | Huỳnh Kim Oanh: 2');
    expect(result2).toContain('Trúng cử: Lê Minh Tuấn.');
  });

  it('does not elect with half of D exactly, and says seats are left', async () => {
    await h.say(bt, '/baucu Phó Bí thư | số lượng: 1 | ứng cử viên: Trần Thị Hoa');
    const [result] = await count(1, 'Trần Thị Hoa: 3');
    expect(result).toContain('- Trần Thị Hoa: 3/7 phiếu, đạt 42,86% — chưa đủ phiếu');
    expect(result).toContain('Chưa ai trúng cử.');
    expect(result).toContain('Còn thiếu 1 người');
    expect(result).not.toContain('chỉ định');
  });

  it('proposes appointment by the upper committee when no bí thư is elected after the third round, not before', async () => {
    for (const round of [1, 2, 3]) {
      await h.say(bt, '/baucu Bí thư chi bộ | số lượng: 1 | ứng cử viên: Trần Thị Hoa, Lê Minh Tuấn');
      const [result] = await count(round, 'Trần Thị Hoa: 3 | Lê Minh Tuấn: 3');
      expect(result).toContain(`(vòng ${round}, 1 người)`);
      const appointment = 'Bí thư chưa trúng cử sau 3 vòng: đề nghị cấp ủy cấp trên chỉ định (Quy định 294-QĐ/TW).';
      if (round < 3) expect(result).not.toContain(appointment);
      else expect(result).toContain(appointment);
    }
  });

  it('refuses a count where a candidate has more votes than valid ballots, and a repeated candidate', async () => {
    await h.say(bt, '/baucu Chi ủy viên | số lượng: 1 | ứng cử viên: Trần Thị Hoa, Lê Minh Tuấn');
    expect(await count(1, 'Trần Thị Hoa: 8 | Lê Minh Tuấn: 1')).toEqual(['Đồng chí Trần Thị Hoa được 8 phiếu, nhiều hơn số phiếu hợp lệ (7). Kiểm tra lại, chưa ghi kết quả.']);
    expect((await h.db.store.votes.ofMeeting((await h.db.store.meetings.bySeq(1, 1))!.id))[0]).toMatchObject({ status: 'OPEN' });
    expect(await h.say(bt, '/baucu Chi ủy viên | ứng cử viên: Lê Minh Tuấn, le minh tuan')).toEqual(['Ứng cử viên "le minh tuan" ghi hai lần.']);
    expect((await h.say(bt, '/bieuquyet bầu cử | Bí thư'))[0]).toContain('không biểu quyết giơ tay');
  });
});
