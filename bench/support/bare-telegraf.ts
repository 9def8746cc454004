// The baseline of the vote burst: a bare telegraf bot that only acknowledges each button press, on the
// same fake Bot API. What the real bot does on top of this (store, count, refuse) is what the ratio costs.
import { Telegraf } from 'telegraf';

const bot = new Telegraf(process.env.TELEGRAM_BOT_TOKEN!, { telegram: { apiRoot: process.env.TELEGRAM_API_ROOT!, webhookReply: false } });
bot.on('callback_query', (ctx) => ctx.answerCbQuery());
bot.catch((error) => console.error(error));
const polling = bot.launch({ allowedUpdates: ['message', 'callback_query'] }, () => console.log(JSON.stringify({ msg: 'bot started' })));
process.once('SIGTERM', () => bot.stop('SIGTERM'));
await polling;
