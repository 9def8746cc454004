import type { CommandName } from '../text/vi.ts';
import type { CommandContext, HandlerContext, PromptHandler } from './context.ts';

/** Who may run a command: anyone (strangers too), any member of the cell, or the cell's committee. */
export type Access = 'anyone' | 'member' | 'secretariat';
export type Scope = 'group' | 'private' | 'any';

export interface CommandSpec {
  name: CommandName;
  aliases?: string[];
  scope: Scope;
  access: Access;
  /** Listed with the committee's commands in /huongdan even when strangers may call it (e.g. /taochibo). */
  committeeCommand?: boolean;
  run(ctx: CommandContext): Promise<void>;
}

/** Plain messages a feature reads (the minutes' #tags): `matches` is checked before any lookup. */
export interface TextReader {
  matches(text: string): boolean;
  run(ctx: HandlerContext, text: string): Promise<void>;
}

/** A feature module: its commands, the prompt kinds it answers, and the plain messages it reads. */
export interface Feature {
  commands: CommandSpec[];
  prompts?: Record<string, PromptHandler>;
  text?: TextReader;
}
