import type { CellRecord } from '../app/ports.ts';
import { DomainError } from '../domain/errors.ts';
import { isSecretariat, type RosterMember } from '../domain/roster.ts';
import type { CommandName } from '../text/vi.ts';
import type { CommandContext, HandlerContext, PromptHandler } from './context.ts';

/** Who may run a command: anyone (strangers too), any member of the cell, or the cell's committee. */
export type Access = 'anyone' | 'member' | 'secretariat';

/**
 * The speaker's cell and roll entry when `access` lets them run `name`; refuses otherwise. The router checks
 * every command with it; a command open to anyone calls it for the parts only members may use.
 */
export function requireAccess(
  access: Exclude<Access, 'anyone'>,
  ctx: { cell: CellRecord | null; member: RosterMember | null; chat: { kind: 'group' | 'private' } },
  name: string,
): { cell: CellRecord; member: RosterMember } {
  if (!ctx.cell) throw new DomainError(ctx.chat.kind === 'group' ? 'cell.notBound' : 'access.notLinkedPrivate');
  if (!ctx.member) throw new DomainError('access.stranger');
  if (access === 'secretariat' && !isSecretariat(ctx.member.role)) throw new DomainError('access.secretariatOnly', { name });
  return { cell: ctx.cell, member: ctx.member };
}
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
