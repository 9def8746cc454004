// What the Zalo adapter must remember across restarts, because the platform does not tell it again:
// the questions it asked (numbered or as native polls, with the votes it has handled), the native
// reminders standing for invitations, and who may be written to privately. Adapter-private transport
// state, like Telegram's update offset (docs/decisions/0008-zalo.md); one file next to the credentials.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface PollRecord {
  pollId: number;
  /** Zalo's option id → the prompt's option id. */
  options: Record<string, string>;
  /** Member uid → Zalo option ids, as last handed to the bot. */
  voters: Record<string, number[]>;
  /** Changes handed over so far; numbers the choice events. */
  changes: number;
}

export interface AskRecord {
  promptId: string;
  chatId: string;
  group: boolean;
  /** The prompt's option ids in the order shown (1, 2, 3 …). */
  options: string[];
  /** ISO time the question was asked. */
  askedAt: string;
  poll?: PollRecord;
  reminderId?: string;
}

export interface ReminderRecord {
  /** The ask (by its message id) the reminder belongs to. */
  ask: string;
  chatId: string;
  accept: string;
  decline: string;
  startsAt: string;
  /** Each member's last answer, so a repeated tap is not a new answer. */
  answers?: Record<string, 'accept' | 'reject'>;
}

export interface ZaloState {
  /** Open questions by the message id the bot returned for them ("poll:<id>" for native polls). */
  asks: Record<string, AskRecord>;
  reminders: Record<string, ReminderRecord>;
  /** Members who are friends of the bot account or have written to it: the bot may write to them. */
  contacts: string[];
}

export interface ZaloStateStore {
  load(): ZaloState;
  save(state: ZaloState): void;
}

export const emptyZaloState = (): ZaloState => ({ asks: {}, reminders: {}, contacts: [] });

/** A JSON file written whole (temporary file, then rename), readable by its owner only. */
export class FileZaloStateStore implements ZaloStateStore {
  constructor(private readonly path: string) {}

  load(): ZaloState {
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<ZaloState>;
      return { ...emptyZaloState(), ...parsed };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyZaloState();
      throw error;
    }
  }

  save(state: ZaloState): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 });
    renameSync(temporary, this.path);
  }
}
