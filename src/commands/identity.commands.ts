import { findMember } from '../app/roster.ts';
import { DomainError } from '../domain/errors.ts';
import { isSecretariat } from '../domain/roster.ts';
import { text, words } from '../text/vi.ts';
import type { Feature } from './registry.ts';

interface LinkPayload {
  requestId: number;
  memberName: string;
  account: string;
}

/** Linking a chat account to a roster entry: the person claims, a committee member confirms. */
export const identityFeature: Feature = {
  commands: [
    {
      name: 'toila',
      scope: 'group',
      access: 'anyone',
      async run(ctx) {
        if (!ctx.cell) throw new DomainError('cell.notBound');
        if (!ctx.args) throw new DomainError('command.syntax');
        const member = findMember(await ctx.services.roster.list(ctx.cell.id), ctx.args);
        if (!member || /^\d+$/.test(ctx.args)) throw new DomainError('member.notFound', { name: ctx.args });
        const account = { channel: ctx.channel.name, externalId: ctx.from.userId, displayName: ctx.from.displayName };
        const request = await ctx.services.roster.requestLink(ctx.cell.id, member, account);
        const payload: LinkPayload = { requestId: request.id, memberName: member.fullName, account: ctx.from.displayName };
        await ctx.ask({
          kind: 'identity.link',
          payload,
          question: text.linkAsk({ account: ctx.from.displayName, name: member.fullName }),
          options: [
            { id: 'yes', label: words.confirm.yes },
            { id: 'no', label: words.confirm.no },
          ],
        });
      },
    },
  ],
  prompts: {
    async 'identity.link'(ctx, prompt, optionId) {
      const payload = prompt.payload as LinkPayload;
      if (!ctx.member || !isSecretariat(ctx.member.role)) throw new DomainError('prompt.secretariatOnly');
      const approve = optionId === 'yes';
      if (!(await ctx.services.roster.decideLink(payload.requestId, approve, ctx.member.id))) throw new DomainError('prompt.closed');
      await ctx.services.store.prompts.close(prompt.id, ctx.now);
      if (prompt.messageId) await ctx.channel.closeAsk({ chat: ctx.chat, messageId: prompt.messageId });
      const vars = { account: payload.account, name: payload.memberName };
      await ctx.reply(approve ? text.linkApproved(vars) : text.linkRejected(vars));
    },
  },
};
