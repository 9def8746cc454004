// kill -9 in the middle of a vote burst, restart, let the fake Bot API deliver again what was not
// confirmed: the tally must be exact every time. Some members change their mind (two presses), and a
// tenth of the presses are delivered twice anyway, as Telegram does after a crash or a timeout.
import type { Message } from 'telegraf/types';
import { FakeTelegram } from '../test/support/fake-telegram.ts';
import { createBenchDatabase, type DbKind } from '../bench/support/db.ts';
import { CHOICES, drawChoice, seedConference, tallyExact, waitFor, type ChoiceId } from '../bench/support/conference.ts';
import { random } from '../bench/support/names.ts';
import { spawnBot, type BotProcess } from '../bench/support/processes.ts';
import type { DrillResult } from '../bench/support/report.ts';

const TOKEN = '777:drill';

export async function runKillRestart(kind: DbKind, options: { restarts?: number; members?: number; seed?: number } = {}): Promise<DrillResult> {
  const restarts = options.restarts ?? 20;
  const size = options.members ?? 500;
  const rand = random(options.seed ?? 9);
  const fake = await new FakeTelegram({ token: TOKEN, longPollCapMs: 50 }).start();
  const db = await createBenchDatabase(kind);
  const env = { DATABASE_URL: db.url, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, LOG_LEVEL: 'warn' };
  let bot: BotProcess = spawnBot({ ...env, LOG_LEVEL: 'info' });
  let exactRounds = 0;
  let redelivered = 0;
  const problems: string[] = [];
  try {
    await bot.ready;
    const conference = await seedConference(fake, db, size);
    for (let round = 1; round <= restarts; round++) {
      const vote = await conference.openVote(`Nội dung biểu quyết ${round}`);
      const final = conference.users.map(() => drawChoice(rand));
      let answered = 0;
      // A tenth of the presses come again once answered (Telegram repeats what it has delivered, never
      // a later update before an earlier one).
      const replayOf = new Map<string, number>();
      const onCall = (call: { method: string; payload: Record<string, unknown> }) => {
        if (call.method !== 'answerCallbackQuery') return;
        answered++;
        const again = replayOf.get(String(call.payload.callback_query_id));
        if (again !== undefined) {
          replayOf.delete(String(call.payload.callback_query_id));
          fake.replay(again);
        }
      };
      fake.on('call', onCall);
      // What the killed process was handed but never confirmed comes again: proof the crash path ran.
      const handedOut = new Set<number>();
      let killed = false;
      const onDelivered = (batch: { update_id: number }[]) => {
        for (const u of batch) {
          if (killed && handedOut.has(u.update_id)) redelivered++;
          handedOut.add(u.update_id);
        }
      };
      fake.on('delivered', onDelivered);
      const updates: number[] = [];
      for (const [i, user] of conference.users.entries()) {
        // A tenth change their mind: a first press for another option, then the final one.
        if (rand() < 0.1) {
          const other = CHOICES.find((c) => c.id !== final[i])!.id;
          updates.push(fake.injectCallback(user, vote.message as Message, vote.data[other]).update_id);
        }
        updates.push(fake.injectCallback(user, vote.message as Message, vote.data[final[i]!]).update_id);
      }
      for (const id of updates) {
        const update = fake.update(id);
        if (rand() < 0.1 && update && 'callback_query' in update) replayOf.set(update.callback_query.id, id);
      }
      // Kill somewhere in the middle of the burst.
      const killAt = Math.floor(updates.length * (0.2 + 0.6 * rand()));
      await waitFor('presses before the kill', () => (answered >= killAt ? true : undefined), 120_000);
      await bot.kill9();
      fake.off('call', onCall);
      killed = true;
      bot = spawnBot({ ...env, LOG_LEVEL: 'info' });
      await bot.ready;
      // Done when every update went out and was confirmed, and every member's ballot is stored.
      const voteRecord = (await db.store.votes.ofMeeting(conference.meetingId)).find((v) => v.seq === vote.seq)!;
      await waitFor('every ballot after the restart', async () => {
        const counts = await db.store.votes.counts(voteRecord.id);
        return fake.pendingUpdates === 0 && Object.values(counts).reduce((a, b) => a + b, 0) === size ? true : undefined;
      }, 180_000).catch(() => problems.push(`round ${round}: not every ballot arrived`));
      fake.off('delivered', onDelivered);
      const truth = Object.fromEntries(CHOICES.map((c) => [c.id, final.filter((x) => x === c.id).length])) as Record<ChoiceId, number>;
      const result = await conference.closeVote(vote.seq);
      if (tallyExact(result, truth, size)) exactRounds++;
      else problems.push(`round ${round}: truth ${JSON.stringify(truth)}, stored ${JSON.stringify(result.stored)}`);
    }
  } finally {
    await bot.stop();
    await fake.stop();
    await db.drop();
  }
  return {
    drill: 'kill -9 mid-burst, restart',
    db: kind,
    pass: exactRounds === restarts,
    detail: `${exactRounds}/${restarts} restarts with the tally exact (${size} members, 10 % changing their vote, 10 % redelivered once answered; ${redelivered} updates handed out again after a kill)${problems.length ? `; ${problems.slice(0, 3).join('; ')}` : ''}`,
  };
}
