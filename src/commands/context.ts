import type { Channel, ChatRef, InboundEvent, InboundFile, MessageRef, PromptOption, UserRef } from '../channels/channel.ts';
import type { CellRecord, Clock, PromptRecord, Store } from '../app/ports.ts';
import type { RosterService } from '../app/roster.ts';
import type { Delivery } from '../app/delivery.ts';
import type { MeetingService } from '../app/meetings.ts';
import type { VoteService } from '../app/votes.ts';
import type { MinutesService } from '../app/minutes.ts';
import type { ReportService } from '../app/reports.ts';
import type { RosterMember } from '../domain/roster.ts';

export interface Services {
  store: Store;
  clock: Clock;
  roster: RosterService;
  meetings: MeetingService;
  votes: VoteService;
  minutes: MinutesService;
  delivery: Delivery;
  reports: ReportService;
  /** The dashboard's public address, for /dangnhap; null when no dashboard is configured. */
  dashboardUrl: string | null;
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
  ask(prompt: { kind: string; payload: unknown; question: string; options: PromptOption[]; subject?: string }): Promise<MessageRef>;
  /** Sends `question` and routes the speaker's next plain message in this chat to the prompt handler of `kind`. */
  awaitText(prompt: { kind: string; payload: unknown; question: string; subject?: string }): Promise<MessageRef>;
}

export interface CommandContext extends HandlerContext {
  args: string;
  file?: InboundFile;
}

/**
 * Handles an answer to a stored prompt: the option chosen, or the text typed for an awaitText prompt.
 * It checks who may answer and closes the prompt itself. A returned string is shown to the one who
 * answered only (a callback notice), instead of a message to the whole group.
 */
export type PromptHandler = (ctx: HandlerContext, prompt: PromptRecord, answer: string) => Promise<string | void>;
