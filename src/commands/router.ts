// parse → find → scope → cell and member → role → run; one error boundary; per-chat order; replays ignored.
import type { Logger } from 'pino';
import { chatKey, storableEvent, type Channel, type InboundEvent, type InboundMention } from '../channels/channel.ts';
import { findMember, ImportRejected } from '../app/roster.ts';
import { askIn } from '../app/delivery.ts';
import type { CellRecord } from '../app/ports.ts';
import { DomainError } from '../domain/errors.ts';
import { nameKey } from '../domain/names.ts';
import type { RosterMember } from '../domain/roster.ts';
import { commandHelp, errorText, text } from '../text/vi.ts';
import type { CommandContext, HandlerContext, PromptHandler, Services } from './context.ts';
import { requireAccess, type CommandSpec, type Feature } from './registry.ts';

/** How long the bot takes a member's next message as the answer it asked for. */
export const AWAIT_TEXT_MS = 30 * 60_000;

export interface Router {
  handle(channel: Channel, event: InboundEvent): Promise<void>;
  /** Resolves when every event accepted so far has been handled. */
  idle(): Promise<void>;
  /**
   * Handles an event at once, outside its chat's queue: for answers a platform held until their question
   * closed, handled by the work closing it (waiting for the queue would wait for that work itself).
   */
  handleNow(channel: Channel, event: InboundEvent): Promise<void>;
  readonly commands: readonly CommandSpec[];
}

export function createRouter(deps: { services: Services; features: Feature[]; log: Logger }): Router {
  const { services, log } = deps;
  const { store } = services;
  const commands = deps.features.flatMap((f) => f.commands);
  const byName = new Map<string, CommandSpec>();
  for (const spec of commands) for (const name of [spec.name, ...(spec.aliases ?? [])]) byName.set(name, spec);
  const promptHandlers: Record<string, PromptHandler> = Object.assign({}, ...deps.features.map((f) => f.prompts ?? {}));
  const readers = deps.features.flatMap((f) => (f.text ? [f.text] : []));
  const queues = new Map<string, Promise<void>>();

  async function resolveCell(channel: Channel, event: InboundEvent & { from: { userId: string; displayName: string } }): Promise<CellRecord | null> {
    if (event.chat.kind === 'group') return store.cells.findByChat(channel.name, event.chat.chatId);
    const ids = new Set(await store.identities.cellsOf({ channel: channel.name, externalId: event.from.userId }));
    if (channel.capabilities.trustsDisplayName) {
      for (const id of await store.identities.cellsWithName(nameKey(event.from.displayName))) ids.add(id);
    }
    // A person in two cells must use the group chat of the one they mean.
    return ids.size === 1 ? store.cells.get([...ids][0]!) : null;
  }

  async function resolveMember(channel: Channel, cell: CellRecord, from: { userId: string; displayName: string }): Promise<RosterMember | null> {
    const linked = await store.identities.findMember(cell.id, { channel: channel.name, externalId: from.userId });
    if (linked || !channel.capabilities.trustsDisplayName || /^\d+$/.test(from.displayName.trim())) return linked;
    return findMember(await store.members.listCurrent(cell.id), from.displayName) ?? null;
  }

  function context(channel: Channel, event: InboundEvent & { from: HandlerContext['from'] }, cell: CellRecord | null, member: RosterMember | null): HandlerContext {
    const now = services.clock.now();
    return {
      event, channel, chat: event.chat, from: event.from, now, services, cell, member,
      reply: (message) => channel.send(event.chat, { text: message }),
      memberIn: (other) => resolveMember(channel, other, event.from),
      ask: (spec) => askIn(store, { channel, chat: event.chat }, cell?.id ?? null, spec, now),
      awaitText: (spec) => askIn(store, { channel, chat: event.chat }, cell?.id ?? null, { ...spec, options: [] }, now, event.from.userId),
    };
  }

  /**
   * A tagged member ("@Hoa" in Zalo) becomes their roster name when their account is linked, so
   * "#giao @Hoa: …" or "/vang @Cường ốm" read as if the full name had been typed.
   */
  async function namesForTags(text: string, mentions: InboundMention[] | undefined, cell: CellRecord | null): Promise<string> {
    if (!cell || !mentions?.length) return text;
    let result = text;
    for (const m of [...mentions].sort((a, b) => b.offset - a.offset)) {
      if (m.offset < 0 || m.length <= 0 || m.offset + m.length > result.length) continue;
      const member = await store.identities.findMember(cell.id, { channel: m.user.channel, externalId: m.user.userId });
      if (member) result = result.slice(0, m.offset) + member.fullName + result.slice(m.offset + m.length);
    }
    return result;
  }

  async function runCommand(channel: Channel, event: Extract<InboundEvent, { kind: 'command' }>) {
    const spec = byName.get(event.name.toLowerCase());
    if (!spec) throw new DomainError('command.unknown', { name: event.name });
    if (spec.scope === 'group' && event.chat.kind !== 'group') throw new DomainError('command.groupOnly', { name: spec.name });
    if (spec.scope === 'private' && event.chat.kind !== 'private') throw new DomainError('command.privateOnly', { name: spec.name });
    const cell = await resolveCell(channel, event);
    const member = cell ? await resolveMember(channel, cell, event.from) : null;
    if (spec.access !== 'anyone') requireAccess(spec.access, { cell, member, chat: event.chat }, spec.name);
    const args = await namesForTags(event.args, event.mentions, cell);
    const ctx: CommandContext = { ...context(channel, event, cell, member), args: args.trim(), file: event.file };
    try {
      await spec.run(ctx);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'command.syntax' && !error.vars.syntax) {
        const help: { syntax: string; example?: string } = commandHelp[spec.name];
        throw new DomainError('command.syntax', { syntax: help.syntax, ...(help.example ? { example: help.example } : {}) });
      }
      throw error;
    }
  }

  async function runChoice(channel: Channel, event: Extract<InboundEvent, { kind: 'choice' }>) {
    const prompt = await store.prompts.get(event.promptId);
    const handler = prompt && promptHandlers[prompt.kind];
    if (!prompt || !handler || prompt.closedAt || prompt.channel !== channel.name || prompt.chatId !== event.chat.chatId) {
      throw new DomainError('prompt.closed');
    }
    const cell = prompt.cellId === null ? null : await store.cells.get(prompt.cellId);
    const member = cell ? await resolveMember(channel, cell, event.from) : null;
    return (await handler(context(channel, event, cell, member), prompt, event.optionIds[0] ?? '')) ?? undefined;
  }

  /**
   * A plain message is read by the feature it is meant for (a #tag), or else answers the speaker's open
   * awaitText prompt in this chat, if there is one.
   */
  async function runText(channel: Channel, event: Extract<InboundEvent, { kind: 'text' }>) {
    const reader = readers.find((r) => r.matches(event.text));
    if (reader) {
      const cell = await resolveCell(channel, event);
      const text = await namesForTags(event.text, event.mentions, cell);
      return reader.run(context(channel, event, cell, cell ? await resolveMember(channel, cell, event.from) : null), text);
    }
    const prompt = await store.prompts.awaitingText(channel.name, event.chat.chatId, event.from.userId);
    const handler = prompt && promptHandlers[prompt.kind];
    if (!prompt || !handler || !event.text.trim()) return;
    // A question left unanswered does not capture what the member says days later.
    if (services.clock.now().getTime() - prompt.createdAt.getTime() > AWAIT_TEXT_MS) return;
    const cell = prompt.cellId === null ? null : await store.cells.get(prompt.cellId);
    const member = cell ? await resolveMember(channel, cell, event.from) : null;
    const notice = await handler(context(channel, event, cell, member), prompt, event.text.trim());
    if (notice) await channel.send(event.chat, { text: notice });
  }

  async function dispatch(channel: Channel, event: InboundEvent) {
    switch (event.kind) {
      case 'command':
        return runCommand(channel, event);
      case 'choice':
        return channel.acknowledge(event, await runChoice(channel, event), 'taken');
      case 'text':
        return runText(channel, event);
      case 'members':
        return; // later features (roster sync) subscribe here
    }
  }

  async function answerProblem(channel: Channel, event: InboundEvent, message: string) {
    if (event.kind === 'choice') await channel.acknowledge(event, message, 'refused');
    else await channel.send(event.chat, { text: message });
  }

  async function process(channel: Channel, received: InboundEvent) {
    const event = storableEvent(received);
    const eventLog = log.child({ eventId: event.eventId, channel: channel.name, chatId: event.chat.chatId });
    try {
      if (event.kind === 'choice') {
        // A choice sets the member's answer (a vote, an RSVP), so handling it twice changes nothing: it is
        // claimed after it is handled. A crash in between (kill -9) then loses no press: the platform
        // delivers it again and it is handled again. Commands may not be idempotent: claimed first.
        if (await store.events.seen(channel.name, event.eventId)) {
          eventLog.info('replayed event ignored');
          return await channel.acknowledge(event);
        }
        try {
          await dispatch(channel, event);
        } finally {
          await store.events.claim(channel.name, event.eventId, services.clock.now());
        }
        return;
      }
      if (!(await store.events.claim(channel.name, event.eventId, services.clock.now()))) {
        eventLog.info('replayed event ignored');
        return;
      }
      await dispatch(channel, event);
    } catch (error) {
      try {
        if (error instanceof DomainError) return await answerProblem(channel, event, errorText(error.code, error.vars));
        if (error instanceof ImportRejected) {
          const details = error.problems.map((p) => {
            const message = errorText(p.code, p.vars ?? {});
            return p.line ? text.importRowError({ line: p.line, message }) : text.importMemberError({ name: p.memberName ?? '', message });
          });
          return await answerProblem(channel, event, errorText('import.invalidRows', { count: details.length, details: details.join('\n') }));
        }
        if (store.isUnavailable(error)) {
          eventLog.warn({ err: error }, 'database unavailable; answered as maintenance');
          return await answerProblem(channel, event, text.maintenance);
        }
        eventLog.error({ err: error }, 'handler failed');
        await answerProblem(channel, event, text.apology({ eventId: event.eventId }));
      } catch (replyError) {
        eventLog.error({ err: replyError }, 'could not answer the user');
      }
    }
  }

  return {
    commands,
    handle(channel, event) {
      // One queue per chat keeps a conversation in order. Button presses queue per member instead: a
      // thousand members voting at once do not wait for each other, and each member's presses stay in order.
      const key = event.kind === 'choice' ? `${chatKey(event.chat)}#${event.from.userId}` : chatKey(event.chat);
      const next = (queues.get(key) ?? Promise.resolve()).then(() => process(channel, event));
      queues.set(key, next);
      void next.then(() => {
        if (queues.get(key) === next) queues.delete(key);
      });
      return next;
    },
    handleNow: process,
    async idle() {
      while (queues.size) await Promise.all(queues.values());
    },
  };
}
