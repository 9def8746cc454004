import type { Channel, ChatRef, InboundEvent, InboundFile, MessageRef, PromptOption, UserRef } from '../channels/channel.ts';
import type { CellRecord, Clock, PromptRecord, Store } from '../app/ports.ts';
import type { RosterService } from '../app/roster.ts';
import type { RosterMember } from '../domain/roster.ts';

export interface Services {
  store: Store;
  clock: Clock;
  roster: RosterService;
}

/** Everything a handler may use, bound to the chat the event came from. */
export interface HandlerContext {
  event: InboundEvent;
  channel: Channel;
  chat: ChatRef;
  from: UserRef;
  now: Date;
  services: Services;
  cell: CellRecord | null;
  member: RosterMember | null;
  reply(text: string): Promise<MessageRef>;
  /** The speaker's roster entry in another cell (linked account, or trusted name on the shell). */
  memberIn(cell: CellRecord): Promise<RosterMember | null>;
  /** Sends a question with options; the answer comes back to the prompt handler of `kind`. */
  ask(prompt: { kind: string; payload: unknown; question: string; options: PromptOption[] }): Promise<MessageRef>;
}

export interface CommandContext extends HandlerContext {
  args: string;
  file?: InboundFile;
}

/** Handles an answer to a stored prompt. It checks who may answer and closes the prompt itself. */
export type PromptHandler = (ctx: HandlerContext, prompt: PromptRecord, optionId: string) => Promise<void>;
