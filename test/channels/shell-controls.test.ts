// What a person at the terminal notices: who is speaking, which chat they are in, pressing options,
// moving the clock, sending files, multi-line input and the script mode that ends with the input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatRef, EventHandler, InboundEvent } from '../../src/channels/channel.ts';
import { parseShellClock, ShellChannel, type ShellOptions } from '../../src/channels/shell/shell-channel.ts';
import { shell as words } from '../../src/text/vi.ts';

const NOW = new Date('2026-11-23T01:00:00Z'); // 08:00 in Vietnam

interface Terminal {
  channel: ShellChannel;
  input: PassThrough;
  events: InboundEvent[];
  /** Everything printed since the previous call. */
  printed(): string;
}

const open: Terminal[] = [];

async function terminal(options: Partial<ShellOptions> = {}, handler?: EventHandler): Promise<Terminal> {
  const input = new PassThrough();
  const output = new PassThrough();
  output.setEncoding('utf8');
  const channel = new ShellChannel({ input, output, interactive: false, speaker: 'Người thử', now: () => NOW, ...options });
  const events: InboundEvent[] = [];
  await channel.start(
    handler ??
      (async (event) => {
        events.push(event);
      }),
  );
  const t: Terminal = {
    channel,
    input,
    events,
    printed() {
      let text = '';
      let chunk: string | null;
      while ((chunk = output.read() as string | null) !== null) text += chunk;
      return text;
    },
  };
  open.push(t);
  return t;
}

afterEach(async () => {
  for (const t of open.splice(0)) {
    if (!t.input.writableEnded) t.input.end();
    await t.channel.finished();
    await t.channel.stop();
  }
});

const note = (text: string) => `· ${text}\n\n`;

function only<K extends InboundEvent['kind']>(events: InboundEvent[], kind: K): Extract<InboundEvent, { kind: K }> {
  expect(events).toHaveLength(1);
  expect(events[0]!.kind).toBe(kind);
  return events[0] as Extract<InboundEvent, { kind: K }>;
}

describe('shell: speaker', () => {
  it('speaks as the person named by :as, with the same user id however the name is typed', async () => {
    const t = await terminal();
    await t.channel.handleLine(':as Nguyễn Văn An');
    expect(t.printed()).toBe(note(words.speakerNow('Nguyễn Văn An')));
    await t.channel.handleLine('Chào các đồng chí');
    await t.channel.handleLine(':as nguyen van an');
    await t.channel.handleLine('/diemdanh');
    await t.channel.handleLine(':as Trần Thị Bình');
    await t.channel.handleLine('/diemdanh');

    expect(t.events).toHaveLength(3);
    const [first, second, third] = t.events as [InboundEvent, InboundEvent, InboundEvent];
    expect(first).toMatchObject({ kind: 'text', from: { displayName: 'Nguyễn Văn An' } });
    expect(second).toMatchObject({ kind: 'command', from: { displayName: 'nguyen van an' } });
    const id = (e: InboundEvent) => ('from' in e ? e.from.userId : undefined);
    expect(id(second)).toBe(id(first));
    expect(id(third)).not.toBe(id(first));
  });

  it('tidies the name typed after :as (spaces collapsed)', async () => {
    const t = await terminal();
    await t.channel.handleLine(':as   Lê   Văn  Tám ');
    await t.channel.handleLine('có mặt');
    const text = only(t.events, 'text');
    expect(text.from.displayName).toBe('Lê Văn Tám');
  });

  it('answers :as without a name with the control help', async () => {
    const t = await terminal();
    await t.channel.handleLine(':as');
    expect(t.printed()).toBe(note(words.controlHelp));
    expect(t.events).toHaveLength(0);
  });
});

describe('shell: chats', () => {
  it(':dm moves the conversation to a private chat with the bot and :group returns to the group', async () => {
    const t = await terminal({ speaker: 'Nguyễn Văn An' });
    await t.channel.handleLine('trong nhóm');
    await t.channel.handleLine(':dm');
    expect(t.printed()).toBe(note(words.chatNow(words.private('Nguyễn Văn An'))));
    await t.channel.handleLine('nhắn riêng');
    await t.channel.handleLine(':group');
    expect(t.printed()).toBe(note(words.chatNow(words.group('chibo'))));
    await t.channel.handleLine('lại trong nhóm');

    const chats = t.events.map((e) => e.chat);
    expect(chats[0]!.kind).toBe('group');
    expect(chats[1]!.kind).toBe('private');
    expect(chats[1]!.chatId).not.toBe(chats[0]!.chatId);
    expect(chats[2]).toEqual(chats[0]);
  });

  it(':as while in a private chat switches to the new speaker’s own private chat', async () => {
    const t = await terminal({ speaker: 'Nguyễn Văn An' });
    await t.channel.handleLine(':dm');
    await t.channel.handleLine('của An');
    await t.channel.handleLine(':as Trần Thị Bình');
    await t.channel.handleLine('của Bình');
    const [an, binh] = t.events as [InboundEvent, InboundEvent];
    expect(an.chat.kind).toBe('private');
    expect(binh.chat.kind).toBe('private');
    expect(binh.chat.chatId).not.toBe(an.chat.chatId);
  });

  it(':group <name> switches to another group chat', async () => {
    const t = await terminal();
    await t.channel.handleLine('chi bộ');
    await t.channel.handleLine(':group Chi ủy');
    expect(t.printed()).toBe(note(words.chatNow(words.group('Chi ủy'))));
    await t.channel.handleLine('chi ủy');
    const [cell, committee] = t.events as [InboundEvent, InboundEvent];
    expect(committee.chat.kind).toBe('group');
    expect(committee.chat.chatId).not.toBe(cell.chat.chatId);
    expect(committee.chat.title).toBe('Chi ủy');
  });

  it('labels the bot’s output with the chat it went to', async () => {
    const t = await terminal();
    const group: ChatRef = { channel: 'shell', chatId: 'g:chibo', kind: 'group', title: 'chibo' };
    await t.channel.send(group, { text: 'Họp lúc 19 giờ.' });
    expect(t.printed()).toBe(`[${words.group('chibo')}] ${words.bot}:\nHọp lúc 19 giờ.\n\n`);
  });
});

describe('shell: pressing options with :chon', () => {
  const group: ChatRef = { channel: 'shell', chatId: 'g:chibo', kind: 'group', title: 'chibo' };
  const prompt = {
    promptId: 'bieu-quyet-1',
    question: 'Biểu quyết thông qua nghị quyết?',
    options: [
      { id: 'tan-thanh', label: 'Tán thành' },
      { id: 'khong', label: 'Không tán thành' },
      { id: 'kiem-phieu', label: 'Ý kiến khác' },
    ],
    multiple: false,
  };

  it('shows a question with numbered options', async () => {
    const t = await terminal();
    await t.channel.ask(group, prompt);
    expect(t.printed()).toBe(
      `[${words.group('chibo')}] ${words.bot}:\nBiểu quyết thông qua nghị quyết?\n  1) Tán thành\n  2) Không tán thành\n  3) Ý kiến khác\n\n`,
    );
  });

  it(':chon 2 delivers a choice of the second option', async () => {
    const t = await terminal({ speaker: 'Nguyễn Văn An' });
    await t.channel.ask(group, prompt);
    await t.channel.handleLine(':chon 2');
    const choice = only(t.events, 'choice');
    expect(choice.promptId).toBe('bieu-quyet-1');
    expect(choice.optionIds).toEqual(['khong']);
    expect(choice.from.displayName).toBe('Nguyễn Văn An');
    expect(choice.chat.chatId).toBe('g:chibo');
  });

  it('presses the newest question of the chat', async () => {
    const t = await terminal();
    await t.channel.ask(group, prompt);
    await t.channel.ask(group, { ...prompt, promptId: 'bieu-quyet-2' });
    await t.channel.handleLine(':chon 1');
    expect(only(t.events, 'choice')).toMatchObject({ promptId: 'bieu-quyet-2', optionIds: ['tan-thanh'] });
  });

  it(':chon 9 says there is no such option and delivers nothing', async () => {
    const t = await terminal();
    await t.channel.ask(group, prompt);
    t.printed();
    await t.channel.handleLine(':chon 9');
    expect(t.printed()).toBe(note(words.noOption('9')));
    await t.channel.handleLine(':chon 0');
    expect(t.printed()).toBe(note(words.noOption('0')));
    await t.channel.handleLine(':chon hai');
    expect(t.printed()).toBe(note(words.noOption('hai')));
    expect(t.events).toHaveLength(0);
  });

  it(':chon without any question in the chat says so', async () => {
    const t = await terminal();
    await t.channel.handleLine(':chon');
    expect(t.printed()).toBe(note(words.noPrompt));
    await t.channel.handleLine(':chon 1');
    expect(t.printed()).toBe(note(words.noPrompt));
    expect(t.events).toHaveLength(0);
  });

  it('a question asked in the group cannot be pressed from the private chat', async () => {
    const t = await terminal();
    await t.channel.ask(group, prompt);
    await t.channel.handleLine(':dm');
    t.printed();
    await t.channel.handleLine(':chon 1');
    expect(t.printed()).toBe(note(words.noPrompt));
    expect(t.events).toHaveLength(0);
  });
});

describe('shell: :clock', () => {
  it('moves the simulated clock to a Vietnam time', async () => {
    const advanceClock = vi.fn(async (_to: Date) => {});
    const t = await terminal({ advanceClock });
    await t.channel.handleLine(':clock 2026-12-05 14:00');
    expect(advanceClock).toHaveBeenCalledTimes(1);
    expect(advanceClock.mock.calls[0]![0].toISOString()).toBe('2026-12-05T07:00:00.000Z');
    expect(t.printed()).toBe(note(words.clockNow('2026-12-05 14:00')));
    expect(t.events).toHaveLength(0);
  });

  it('lets a script set its starting time, even an earlier one, before the conversation begins', async () => {
    const advanceClock = vi.fn(async (_to: Date, _initial: boolean) => {});
    const t = await terminal({ advanceClock });
    await t.channel.handleLine(':clock 2026-11-20 14:00');
    expect(advanceClock).toHaveBeenCalledTimes(1);
    expect(advanceClock.mock.calls[0]![1]).toBe(true);
    expect(t.printed()).toBe(note(words.clockNow('2026-11-20 14:00')));
  });

  it('refuses a time in the past or a malformed time without touching the clock', async () => {
    const advanceClock = vi.fn(async (_to: Date) => {});
    const t = await terminal({ advanceClock });
    await t.channel.handleLine('xin chào');
    t.printed();
    await t.channel.handleLine(':clock 2026-11-20 14:00');
    expect(t.printed()).toBe(note(words.badClock));
    await t.channel.handleLine(':clock mai 14h');
    expect(t.printed()).toBe(note(words.badClock));
    await t.channel.handleLine(':clock');
    expect(t.printed()).toBe(note(words.badClock));
    expect(advanceClock).not.toHaveBeenCalled();
  });

  it('refuses :clock when the shell has no clock to move', async () => {
    const t = await terminal();
    await t.channel.handleLine(':clock 2026-12-05 14:00');
    expect(t.printed()).toBe(note(words.badClock));
  });
});

describe('shell: :tep sends a file', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('delivers the command with the file’s name and exact bytes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chibo-shell-tep-'));
    const path = join(dir, 'danh-sach.csv');
    const content = 'Họ và tên,Loại\nNguyễn Văn An,chính thức\nTrần Thị Bình,dự bị\n';
    writeFileSync(path, content, 'utf8');
    const t = await terminal();
    await t.channel.handleLine(`:tep ${path} /nhapdv`);
    const command = only(t.events, 'command');
    expect(command.name).toBe('nhapdv');
    expect(command.args).toBe('');
    expect(command.file?.name).toBe('danh-sach.csv');
    expect(Buffer.from(command.file!.bytes).equals(Buffer.from(content, 'utf8'))).toBe(true);
  });

  it('delivers the file with a plain message when no command follows', async () => {
    dir = mkdtempSync(join(tmpdir(), 'chibo-shell-tep-'));
    const path = join(dir, 'bien-ban.txt');
    writeFileSync(path, 'Biên bản họp', 'utf8');
    const t = await terminal();
    await t.channel.handleLine(`:tep ${path} gửi biên bản`);
    const text = only(t.events, 'text');
    expect(text.text).toBe('gửi biên bản');
    expect(Buffer.from(text.file!.bytes).toString('utf8')).toBe('Biên bản họp');
  });

  it('says so when the file cannot be opened, and delivers nothing', async () => {
    const t = await terminal();
    const missing = join(tmpdir(), 'chibo-khong-co-tep-nay', 'ds.csv');
    await t.channel.handleLine(`:tep ${missing} /nhapdv`);
    expect(t.printed()).toBe(note(words.fileMissing(missing)));
    expect(t.events).toHaveLength(0);
  });
});

describe('shell: typed lines', () => {
  it('strips the bot name from /cmd@SomeBot', async () => {
    const t = await terminal();
    await t.channel.handleLine('/cmd@SomeBot args here');
    expect(only(t.events, 'command')).toMatchObject({ name: 'cmd', args: 'args here' });
  });

  it('keeps a plain line as text and a "/" line as a command', async () => {
    const t = await terminal();
    await t.channel.handleLine('  xin chào  ');
    await t.channel.handleLine('/huongdan');
    const [text, command] = t.events as [InboundEvent, InboundEvent];
    expect(text).toMatchObject({ kind: 'text', text: '  xin chào  ' });
    expect(command).toMatchObject({ kind: 'command', name: 'huongdan', args: '' });
  });

  it('ignores comment lines', async () => {
    const t = await terminal();
    await t.channel.handleLine(':# ghi chú cho kịch bản');
    await t.channel.handleLine(':#ghi chú liền');
    expect(t.events).toHaveLength(0);
    expect(t.printed()).toBe('');
  });

  it('names an unknown control', async () => {
    const t = await terminal();
    await t.channel.handleLine(':xyz 1 2');
    expect(t.printed()).toBe(note(words.unknownControl('xyz')));
    expect(t.events).toHaveLength(0);
  });

  it('shows the control help for :help', async () => {
    const t = await terminal();
    await t.channel.handleLine(':help');
    expect(t.printed()).toBe(note(words.controlHelp));
  });
});

describe('shell: script mode (input from a stream)', () => {
  it('continues a line ending with a backslash onto the next line', async () => {
    const t = await terminal({ speaker: 'Nguyễn Văn An' });
    t.input.end('/nhapdv Lê Văn Tám | chính thức\\\nPhạm Thị Hằng | dự bị\n/ghichu\\\ndòng sau lệnh\n');
    await t.channel.finished();
    expect(t.events).toHaveLength(2);
    expect(t.events[0]).toMatchObject({ kind: 'command', name: 'nhapdv', args: 'Lê Văn Tám | chính thức\nPhạm Thị Hằng | dự bị' });
    expect(t.events[1]).toMatchObject({ kind: 'command', name: 'ghichu', args: 'dòng sau lệnh' });
  });

  it('echoes each line with speaker and chat, handles every line in order and ends with the input', async () => {
    const log: string[] = [];
    const handler: EventHandler = async (event) => {
      const tag = event.kind === 'text' ? event.text : event.kind === 'command' ? `/${event.name}` : event.kind;
      log.push(`bắt đầu ${tag}`);
      // a handler that takes several turns of the event loop, as a real one reading a database does
      for (let i = 0; i < 10; i++) await Promise.resolve();
      log.push(`xong ${tag}`);
    };
    const t = await terminal({ speaker: 'Nguyễn Văn An' }, handler);
    t.input.write('một\r\n');
    t.input.write(':# ghi chú\n\n   \n');
    t.input.write('/hai x\n:as Trần Thị Bình\n');
    t.input.end('ba\n');
    await t.channel.finished();

    expect(log).toEqual(['bắt đầu một', 'xong một', 'bắt đầu /hai', 'xong /hai', 'bắt đầu ba', 'xong ba']);
    const printed = t.printed();
    expect(printed).toContain(`» Nguyễn Văn An @ ${words.group('chibo')}: một\n`);
    expect(printed).toContain(`» Trần Thị Bình @ ${words.group('chibo')}: ba\n`);
    expect(printed).not.toContain('\r');
  });

  it(':quit ends the run early, before the input ends, and later lines are not handled', async () => {
    const t = await terminal();
    t.input.write('/truoc\n:quit\n/sau\n');
    await t.channel.finished();
    expect(t.events.map((e) => (e.kind === 'command' ? e.name : e.kind))).toEqual(['truoc']);
  });
});

describe('parseShellClock', () => {
  it.each([
    ['2026-12-05 14:00', '2026-12-05T07:00:00.000Z'],
    ['2026-12-05T14:00', '2026-12-05T07:00:00.000Z'],
    ['  2026-12-05 7:05 ', '2026-12-05T00:05:00.000Z'],
    ['2026-12-05 00:30', '2026-12-04T17:30:00.000Z'],
    ['2028-02-29 23:59', '2028-02-29T16:59:00.000Z'],
  ])('reads %j as Vietnam time (UTC+7) → %s', (text, iso) => {
    expect(parseShellClock(text)?.toISOString()).toBe(iso);
  });

  it.each(['2026-02-30 10:00', '2026-04-31 10:00', '2027-02-29 10:00', '2026-12-05', '05/12/2026 14:00', '2026-12-05 14h00', ''])(
    'rejects %j',
    (text) => {
      expect(parseShellClock(text)).toBeNull();
    },
  );
});
