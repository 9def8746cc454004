import { findMember } from '../app/roster.ts';
import { DomainError } from '../domain/errors.ts';
import { adviseRoster, countRoster, sortForDisplay, type MemberFields, type RosterMember } from '../domain/roster.ts';
import { vietnamDate } from '../domain/time.ts';
import { text, words } from '../text/vi.ts';
import type { CommandContext, HandlerContext } from './context.ts';
import { parseNewMember, parseSegments, splitSegments } from './member-input.ts';
import { decodeCsv, parseRosterCsv } from './roster-csv.ts';
import { ImportRejected } from '../app/roster.ts';
import type { Feature } from './registry.ts';

const details = (m: MemberFields, ctx: HandlerContext) => text.memberDetails(m, ctx.chat.kind === 'private');

async function currentMember(ctx: CommandContext, reference: string): Promise<RosterMember> {
  const found = findMember(await ctx.services.roster.list(ctx.cell!.id), reference);
  if (!found) throw new DomainError('member.notFound', { name: reference });
  return found;
}

interface RemovePayload {
  memberId: number;
  askedBy: number;
}

export const rosterFeature: Feature = {
  commands: [
    {
      name: 'danhsach',
      aliases: ['ds'],
      scope: 'any',
      access: 'member',
      async run(ctx) {
        const cell = ctx.cell!;
        const members = await ctx.services.roster.list(cell.id);
        const lines = sortForDisplay(members).map((m) =>
          text.rosterLine({ seq: m.seq, name: m.fullName, details: details(m, ctx) }),
        );
        await ctx.reply(
          text.roster({
            cell: cell.name,
            id: cell.id,
            path: cell.organisationPath,
            counts: countRoster(members),
            lines: lines.length ? lines : [text.rosterEmpty()],
            advice: members.length ? adviseRoster(members) : [],
          }),
        );
      },
    },
    {
      name: 'themdv',
      scope: 'any',
      access: 'secretariat',
      async run(ctx) {
        if (!ctx.args) throw new DomainError('command.syntax');
        const fields = parseNewMember(ctx.args, vietnamDate(ctx.now));
        const added = await ctx.services.roster.add(ctx.cell!.id, fields, ctx.member!.id);
        await ctx.reply(text.memberAdded({ seq: added.seq, name: added.fullName, details: details(added, ctx) }));
      },
    },
    {
      name: 'suadv',
      scope: 'any',
      access: 'secretariat',
      async run(ctx) {
        const [reference, ...changes] = splitSegments(ctx.args);
        if (!reference) throw new DomainError('command.syntax');
        const member = await currentMember(ctx, reference);
        if (!changes.length) throw new DomainError('member.nothingToChange');
        const patch = parseSegments(changes, vietnamDate(ctx.now));
        const { id: _id, seq: _seq, ...fields } = { ...member, ...patch };
        const updated = await ctx.services.roster.update(ctx.cell!.id, member, fields, ctx.member!.id);
        await ctx.reply(text.memberUpdated({ seq: updated.seq, name: updated.fullName, details: details(updated, ctx) }));
      },
    },
    {
      name: 'xoadv',
      scope: 'any',
      access: 'secretariat',
      async run(ctx) {
        if (!ctx.args) throw new DomainError('command.syntax');
        const member = await currentMember(ctx, ctx.args);
        if (member.id === ctx.member!.id) throw new DomainError('member.cannotRemoveSelf');
        const payload: RemovePayload = { memberId: member.id, askedBy: ctx.member!.id };
        await ctx.ask({
          kind: 'member.remove',
          payload,
          question: text.confirmRemove({ seq: member.seq, name: member.fullName }),
          options: [
            { id: 'yes', label: words.confirm.remove },
            { id: 'no', label: words.confirm.cancel },
          ],
        });
      },
    },
    {
      name: 'nhapdv',
      scope: 'any',
      access: 'secretariat',
      async run(ctx) {
        // The CSV comes as an attached file, or pasted after the command on the following lines.
        const source = ctx.file ? decodeCsv(ctx.file.bytes) : ctx.args;
        if (!source.trim()) throw new DomainError('command.syntax');
        const parsed = parseRosterCsv(source, vietnamDate(ctx.now));
        const cellId = ctx.cell!.id;
        if (parsed.problems.length) {
          // Report row errors and roll errors together, so that one round of corrections is enough.
          const rollProblems = await ctx.services.roster.checkImport(cellId, parsed.rows);
          throw new ImportRejected([...parsed.problems, ...rollProblems].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)));
        }
        const summary = await ctx.services.roster.importRoster(cellId, parsed.rows, ctx.member!.id);
        const total = (await ctx.services.roster.list(cellId)).length;
        await ctx.reply(text.importDone({ ...summary, ignoredColumns: parsed.ignoredColumns, total }));
      },
    },
  ],
  prompts: {
    async 'member.remove'(ctx, prompt, optionId) {
      const payload = prompt.payload as RemovePayload;
      // Only the secretary who asked answers their own confirmation.
      if (ctx.member?.id !== payload.askedBy) throw new DomainError('prompt.notForYou');
      if (!(await ctx.services.store.prompts.close(prompt.id, ctx.now))) throw new DomainError('prompt.closed');
      if (prompt.messageId) await ctx.channel.closeAsk({ chat: ctx.chat, messageId: prompt.messageId });
      const member = (await ctx.services.roster.list(ctx.cell!.id)).find((m) => m.id === payload.memberId);
      if (optionId !== 'yes' || !member) {
        await ctx.reply(text.removeCancelled());
        return;
      }
      await ctx.services.roster.remove(ctx.cell!.id, member, ctx.member.id);
      await ctx.reply(text.memberRemoved({ seq: member.seq, name: member.fullName }));
    },
  },
};
