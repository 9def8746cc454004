// The hostile-inputs drill on SQLite, small: a few hundred generated inputs against the real bot, and
// proof that its checks bite (a reply from outside the catalogue, a leaked JS value, a ballot written
// behind the bot's back are each caught).
import { describe, expect, it } from 'vitest';
import { splitText } from '../../src/channels/channel.ts';
import { errors, errorText, text } from '../../src/text/vi.ts';
import { voteText } from '../../src/text/votes.ts';
import { hostileDrill } from '../../drills/hostile-inputs.ts';
import { CatalogueRecorder } from '../../drills/support/hostile-catalogue.ts';

/**
 * A seed whose first 300 inputs stay clear of the bugs the full drill reports (with seed 42, input 282
 * already sends an unpaired surrogate that the database refuses), so that this test guards the drill.
 */
const SEED = 2;
const quiet = () => {};

describe('catalogue check', () => {
  it('accepts what the catalogue produced, and nothing else', () => {
    const recorder = new CatalogueRecorder(4096).start();
    try {
      recorder.nextStep();
      const said = text.promptAnswered();
      const refusal = errorText('command.unknown', { name: 'xyz' });
      const long = errorText('member.notFound', { name: 'Nguyễn Văn A'.repeat(500) });
      expect(recorder.check(said)).toBeNull();
      expect(recorder.check(refusal)).toBeNull();
      expect(recorder.check(`${said}\n${refusal}`)).toBeNull();
      expect(recorder.check(voteText.confirmOptions[1]!.label)).toBeNull();
      for (const part of splitText(long, 4096)) expect(recorder.check(part)).toBeNull();

      expect(recorder.check('Unknown command /xyz. Type /help.')).toEqual({ kind: 'off-catalogue' });
      expect(recorder.check(`${said}!`)).toEqual({ kind: 'off-catalogue' });
      expect(recorder.check(refusal.replace('xyz', 'abc'))).toEqual({ kind: 'off-catalogue' });
      expect(recorder.check(`${said}\nsent by the bot`)).toEqual({ kind: 'off-catalogue' });
    } finally {
      recorder.stop();
    }
  });

  it('flags JS values, errors and stack traces even inside a catalogue sentence', () => {
    const recorder = new CatalogueRecorder().start();
    try {
      recorder.nextStep();
      // A sentence whose variable was missing: produced by the catalogue, still wrong.
      const leaked = errors['member.notFound']({});
      expect(leaked).toContain('undefined');
      expect(recorder.check(leaked)).toEqual({ kind: 'suspicious', token: 'undefined' });
      expect(recorder.check('undefined')).toEqual({ kind: 'suspicious', token: 'undefined' });
      expect(recorder.check('Tỷ lệ: NaN%')).toEqual({ kind: 'suspicious', token: 'NaN' });
      expect(recorder.check('Địa điểm: null')).toEqual({ kind: 'suspicious', token: 'null' });
      expect(recorder.check('Chủ trì: [object Object]')).toEqual({ kind: 'suspicious', token: '[object Object]' });
      expect(recorder.check('TypeError: Cannot read properties of undefined')).not.toBeNull();
      expect(recorder.check('lỗi\n    at run (file:///work/src/commands/router.ts:96:7)')).toEqual({ kind: 'suspicious', token: 'stack trace' });
    } finally {
      recorder.stop();
    }
  });

  it('keeps two drills in one process apart', () => {
    const a = new CatalogueRecorder().start();
    const b = new CatalogueRecorder().start();
    try {
      const said = a.within(() => errorText('member.notFound', { name: 'Lê Thị A' }));
      expect(a.check(said)).toBeNull();
      expect(b.check(said)).toEqual({ kind: 'off-catalogue' });
    } finally {
      a.stop();
      b.stop();
    }
  });

  it('gives the catalogue back as it was', () => {
    const before = text.promptAnswered;
    const recorder = new CatalogueRecorder().start();
    expect(text.promptAnswered).not.toBe(before);
    recorder.stop();
    expect(text.promptAnswered).toBe(before);
  });
});

describe('hostile-inputs drill', () => {
  it('300 hostile inputs: no crash, no error, every reply from the catalogue, stored state intact', async () => {
    const report = await hostileDrill({ runs: 300, seed: SEED, kind: 'sqlite', report: quiet });
    expect(report.findings.map((f) => `${f.signature} — ${f.input}`)).toEqual([]);
    expect(report.result).toMatchObject({ drill: 'hostile inputs', db: 'sqlite', pass: true });
    expect(report.result.detail).toMatch(/^300 inputs, 0 crashes, 0 errors, 0 apologies, 0 replies outside the catalogue, 0 state violations \(seed \d+, \d+ s\)$/);
    expect(report.result.detail).toContain(`(seed ${SEED},`);
    // The inputs reached the bot's use cases, not only its refusals.
    expect(report.stats.catalogue.reached).toBeGreaterThan(70);
  }, 60_000);

  it('fails when the bot sends a reply the catalogue did not produce', async () => {
    const report = await hostileDrill({
      runs: 60, seed: SEED, kind: 'sqlite', shrink: false, report: quiet,
      tamper: (h) => {
        // A channel that garbles every fourth message: an English error, or a sentence with a leaked value.
        const send = h.channel.send.bind(h.channel);
        let n = 0;
        h.channel.send = (chat, message) => {
          n++;
          if (n % 8 === 4) return send(chat, { ...message, text: 'Something went wrong, please try again.' });
          if (n % 8 === 0) return send(chat, { ...message, text: `${message.text} undefined` });
          return send(chat, message);
        };
      },
    });
    expect(report.result.pass).toBe(false);
    expect(report.result.detail).toMatch(/, [1-9]\d* replies outside the catalogue/);
    expect(report.findings.some((f) => f.category === 'off-catalogue' && f.detail.includes('Something went wrong'))).toBe(true);
    expect(report.findings.some((f) => f.category === 'suspicious text' && f.signature.endsWith('undefined'))).toBe(true);
  }, 60_000);

  it('fails when a ballot changes without a legitimate press', async () => {
    const report = await hostileDrill({
      runs: 20, seed: SEED, kind: 'sqlite', shrink: false, report: quiet,
      tamper: (h) => {
        // Behind the bot's back, a vote for a member who pressed nothing (the seeded show of hands is vote 1).
        const inject = h.channel.inject.bind(h.channel);
        let n = 0;
        h.channel.inject = async (event) => {
          const handled = await inject(event);
          if (++n === 3) {
            const cell = (await h.db.store.cells.findByChat('memory', h.group.chatId))!;
            const khanh = (await h.db.store.members.listCurrent(cell.id)).find((m) => m.fullName === 'Ngô Văn Khánh')!;
            await h.db.store.votes.cast(1, khanh.id, 'no', h.clock.now());
          }
          return handled;
        };
      },
    });
    expect(report.result.pass).toBe(false);
    expect(report.findings.filter((f) => f.category === 'state').map((f) => f.signature)).toEqual([expect.stringMatching(/^state: ballots changed without a legitimate press/)]);
  }, 60_000);
});
