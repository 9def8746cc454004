// Inputs the hostile-inputs drill (drills/hostile-inputs.ts) found crashing handlers: text a database
// cannot store, and numbers beyond an integer column. Each gets a normal answer, and what is stored stays.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/bot-harness.ts';

describe('hostile input', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const apologies = () => h.channel.records.filter((r) => r.type === 'message' && r.text.startsWith('Xin lỗi, bot gặp lỗi'));
  const errors = () => h.logs.filter((l) => Number(l.level) >= 50);

  it('stores an absence reason holding a NUL and a lone surrogate, with those characters replaced', async () => {
    const bt = await h.createCell();
    const hoa = await h.addLinkedMember('Trần Thị Hoa');
    await h.say(bt, '/lichhop thường kỳ | 05/12/2026 14:00 | Hội trường khu phố 3');
    const replies = await h.say(hoa, '/vang ốm\u0000 \ud83d nặng');
    expect(replies.join('\n')).toContain('Trần Thị Hoa');
    const cell = (await h.db.store.cells.findByChat('memory', h.group.chatId))!;
    const [meeting] = await h.db.store.meetings.list(cell.id, ['SCHEDULED']);
    const hoaRecord = (await h.db.store.meetings.attendance(meeting!.id)).find((a) => a.rsvpReason !== null);
    expect(hoaRecord?.rsvpReason).toBe('ốm  \ufffd nặng');
    expect(apologies()).toEqual([]);
    expect(errors()).toEqual([]);
  });

  it('answers a press on a forged question id made of a NUL as a closed question', async () => {
    const bt = await h.createCell();
    const before = h.channel.records.length;
    await h.channel.choice({ chat: h.group, from: bt, promptId: '\u0000', optionIds: ['\u0000'] });
    await h.bot.idle();
    const acks = h.channel.records.slice(before).filter((r) => r.type === 'ack');
    expect(acks).toHaveLength(1);
    expect(apologies()).toEqual([]);
    expect(errors()).toEqual([]);
  });

  it('answers a meeting number too large for the database as a meeting that does not exist', async () => {
    const bt = await h.createCell();
    expect(await h.say(bt, '/huyhop số 091234567899')).toEqual(['Không có cuộc họp số 91234567899. Gõ /lich để xem.']);
    expect(await h.say(bt, '/huyhop số 99999999999999999999')).toEqual([expect.stringMatching(/^Không có cuộc họp số /)]);
    expect(apologies()).toEqual([]);
    expect(errors()).toEqual([]);
  });
});
