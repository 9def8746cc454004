// Messages the bot sends on its own (announcements, reminders, flags), to every chat of a cell on
// every running channel. A failure in one chat is logged and does not stop the others.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Channel, ChatRef, InboundEvent, MessageRef, OutboundMessage, OutboundPrompt, PromptOption, UserRef } from '../channels/channel.ts';
import { isSecretariat, type RosterMember } from '../domain/roster.ts';
import type { Clock, Store } from './ports.ts';

export interface PromptSpec {
  kind: string;
  payload: unknown;
  question: string;
  options: PromptOption[];
  /** What the prompt is about ("meeting:12"), to close every prompt of it at once. */
  subject?: string;
  everyone?: OutboundPrompt['everyone'];
  appointment?: OutboundPrompt['appointment'];
}

/** Handles an answer at once, inside the work that closes its question (see closePrompts). */
export type AnswerNow = (channel: Channel, event: InboundEvent) => Promise<void>;

export interface GroupTarget {
  channel: Channel;
  chat: ChatRef;
}

export const meetingSubject = (meetingId: number) => `meeting:${meetingId}`;

/** Stores the question first, so that an answer arriving after a restart still finds it. */
export async function askIn(store: Store, target: GroupTarget, cellId: number | null, spec: PromptSpec, now: Date, awaitUserId?: string): Promise<MessageRef> {
  const promptId = randomBytes(6).toString('base64url');
  await store.prompts.create(
    {
      id: promptId, cellId, channel: target.channel.name, chatId: target.chat.chatId, chatKind: target.chat.kind,
      kind: spec.kind, payload: spec.payload, ...(spec.subject ? { subject: spec.subject } : {}), ...(awaitUserId ? { awaitUserId } : {}),
    },
    now,
  );
  const ref = spec.options.length
    ? await target.channel.ask(target.chat, {
        promptId, question: spec.question, options: spec.options, multiple: false,
        ...(spec.everyone ? { everyone: spec.everyone } : {}), ...(spec.appointment ? { appointment: spec.appointment } : {}),
      })
    : await target.channel.send(target.chat, { text: spec.question });
  await store.prompts.setMessage(promptId, ref.messageId);
  return ref;
}

export function createDelivery({ store, clock, channels, log, answerNow }: { store: Store; clock: Clock; channels: readonly Channel[]; log: Logger; answerNow?: AnswerNow }) {
  const byName = new Map(channels.map((c) => [c.name as string, c]));
  /** Progress lines being rewritten: one edit in flight per line; what comes meanwhile only marks it stale. */
  const refreshing = new Map<string, { stale: boolean; done: Promise<void> }>();

  async function groupsOf(cellId: number): Promise<GroupTarget[]> {
    const chats = await store.cells.chatsOf(cellId);
    return chats.flatMap((c) => {
      const channel = byName.get(c.channel);
      return channel ? [{ channel, chat: { channel: c.channel, chatId: c.chatId, kind: 'group' as const, ...(c.title ? { title: c.title } : {}) } }] : [];
    });
  }

  /** The members' accounts on one channel; on a channel that trusts names, the name is the account. */
  async function accountsFor(channel: Channel, cellId: number, members: readonly RosterMember[]): Promise<Map<number, UserRef>> {
    const accounts = new Map<number, UserRef>();
    if (channel.capabilities.trustsDisplayName) {
      for (const m of members) accounts.set(m.id, { channel: channel.name, userId: '', displayName: m.fullName });
      return accounts;
    }
    const wanted = new Set(members.map((m) => m.id));
    for (const a of await store.identities.accountsOf(cellId, channel.name)) {
      if (wanted.has(a.memberId)) accounts.set(a.memberId, { channel: channel.name, userId: a.externalId, displayName: a.displayName });
    }
    return accounts;
  }

  /** The member's private chats with the bot, on every channel that lets the bot write first. */
  async function privateTargets(cellId: number, member: RosterMember): Promise<GroupTarget[]> {
    const targets: GroupTarget[] = [];
    for (const channel of channels.filter((c) => c.capabilities.privateChat)) {
      const user = (await accountsFor(channel, cellId, [member])).get(member.id);
      const chat = user ? await channel.privateChat(user).catch(() => null) : null;
      if (chat) targets.push({ channel, chat });
    }
    return targets;
  }

  async function each<T>(targets: GroupTarget[], work: (t: GroupTarget) => Promise<T>): Promise<T[]> {
    const results: T[] = [];
    for (const target of targets) {
      try {
        results.push(await work(target));
      } catch (error) {
        log.error({ err: error, channel: target.channel.name, chatId: target.chat.chatId }, 'delivery to a chat failed');
      }
    }
    return results;
  }

  return {
    /** Sends to every group of the cell; `mention` members are tagged where they have an account. */
    async toGroups(cellId: number, text: string, mention: readonly RosterMember[] = []): Promise<MessageRef[]> {
      return each(await groupsOf(cellId), async ({ channel, chat }) => {
        const message: OutboundMessage = { text };
        if (mention.length) message.mentions = [...(await accountsFor(channel, cellId, mention)).values()];
        return channel.send(chat, message);
      });
    },

    /** Rewrites messages sent before (a progress line), where the channel can edit; elsewhere it stays. */
    async editWhereEditable(refs: readonly { channel: string; chatId: string; messageId: string }[], text: string): Promise<void> {
      for (const ref of refs) {
        const channel = byName.get(ref.channel);
        if (!channel?.capabilities.editMessages) continue;
        const chat: ChatRef = { channel: channel.name, chatId: ref.chatId, kind: 'group' };
        await channel.edit({ chat, messageId: ref.messageId }, text).catch((error: unknown) => log.warn({ err: error }, 'could not edit a message'));
      }
    },

    /**
     * Brings a progress line up to date without waiting for it. A thousand presses within the group's
     * edit limit (20 a minute on Telegram) become a few edits, each showing the count as it is then;
     * the last one runs after the last press.
     */
    refreshWhereEditable(key: string, refs: readonly { channel: string; chatId: string; messageId: string }[], render: () => Promise<string>): void {
      if (!refs.some((r) => byName.get(r.channel)?.capabilities.editMessages)) return;
      const current = refreshing.get(key);
      if (current) {
        current.stale = true;
        return;
      }
      const entry = { stale: false, done: Promise.resolve() };
      refreshing.set(key, entry);
      entry.done = (async () => {
        do {
          entry.stale = false;
          try {
            await this.editWhereEditable(refs, await render());
          } catch (error) {
            log.warn({ err: error, key }, 'could not refresh a progress line');
          }
        } while (entry.stale);
        refreshing.delete(key);
      })();
    },

    /** Resolves when the progress line `key` is not being rewritten (a result must not be followed by a stale count). */
    async refreshed(key: string): Promise<void> {
      while (refreshing.has(key)) await refreshing.get(key)!.done;
    },

    /** Resolves when no progress line is being rewritten. */
    async idle(): Promise<void> {
      while (refreshing.size) await Promise.all([...refreshing.values()].map((e) => e.done));
    },

    async askGroups(cellId: number, spec: PromptSpec): Promise<number> {
      const asked = await each(await groupsOf(cellId), (target) => askIn(store, target, cellId, spec, clock.now()));
      return asked.length;
    },

    /**
     * Closes every open prompt about `subject` (buttons removed, polls locked). The answers a platform
     * took until then are handled first, while the prompt is still open, so a count made next has them.
     */
    async closePrompts(subject: string): Promise<void> {
      for (const prompt of await store.prompts.openAbout(subject)) {
        const channel = byName.get(prompt.channel);
        if (channel && prompt.messageId) {
          const chat: ChatRef = { channel: prompt.channel, chatId: prompt.chatId, kind: prompt.chatKind };
          const held = await channel.closeAsk({ chat, messageId: prompt.messageId }).catch((error: unknown) => {
            log.warn({ err: error }, 'could not close a prompt');
            return [];
          });
          for (const event of held) await answerNow?.(channel, event);
        }
        await store.prompts.close(prompt.id, clock.now());
      }
    },

    /**
     * A private message to each member of the chi ủy, on the first channel that reaches them. Returns
     * how many were reached; the flags are about people, so they never go to the group.
     */
    async toCommittee(cellId: number, text: string): Promise<number> {
      const committee = (await store.members.listCurrent(cellId)).filter((m) => isSecretariat(m.role));
      let reached = 0;
      for (const member of committee) {
        for (const { channel, chat } of await privateTargets(cellId, member)) {
          try {
            await channel.send(chat, { text });
            reached++;
            break;
          } catch (error) {
            log.warn({ err: error, channel: channel.name, memberId: member.id }, 'could not write privately to a committee member');
          }
        }
      }
      if (!reached) log.warn({ cellId }, 'no committee member reachable in private; flag not delivered');
      return reached;
    },

    privateTargets,

    /** Links that open a private chat with the bot, on the channels of the cell's groups that have them. */
    async privateLinks(cellId: number, payload?: string): Promise<string[]> {
      return (await groupsOf(cellId)).flatMap(({ channel }) => channel.privateChatLink(payload) ?? []);
    },
  };
}

export type Delivery = ReturnType<typeof createDelivery>;
