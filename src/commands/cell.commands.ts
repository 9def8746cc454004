import { DomainError } from '../domain/errors.ts';
import { nameKey, tidyName } from '../domain/names.ts';
import { isSecretariat } from '../domain/roster.ts';
import type { OrganisationKind } from '../app/ports.ts';
import { text, words } from '../text/vi.ts';
import { parseFullName } from './member-input.ts';
import type { Feature } from './registry.ts';

/** "Đảng bộ phường X > Đảng bộ bộ phận Y" → the organisations from the top down. */
function parseOrganisations(path: string): { name: string; kind: OrganisationKind }[] {
  return path
    .split('>')
    .map(tidyName)
    .filter(Boolean)
    .map((name) => ({ name, kind: nameKey(name).startsWith(words.organisationBoPhan) ? 'DANG_BO_BO_PHAN' : 'DANG_BO' }));
}

export const cellFeature: Feature = {
  commands: [
    {
      name: 'taochibo',
      scope: 'group',
      access: 'anyone',
      committeeCommand: true,
      async run(ctx) {
        if (ctx.cell) throw new DomainError('cell.alreadyBound');
        const [rawName, path = ''] = ctx.args.split('|');
        const name = tidyName(rawName ?? '');
        if (!name) throw new DomainError('command.syntax');
        if (name.length < 2 || name.length > 120) throw new DomainError('cell.nameInvalid');
        const organisations = parseOrganisations(path);
        if (organisations.some((o) => o.name.length > 160)) throw new DomainError('cell.nameInvalid');
        const { cell, founder } = await ctx.services.roster.createCell({
          name,
          organisations,
          chat: { channel: ctx.channel.name, chatId: ctx.chat.chatId, title: ctx.chat.title },
          founder: { fullName: parseFullName(ctx.from.displayName), membership: 'CHINH_THUC', status: 'ACTIVE', role: 'BI_THU', phone: null, admittedOn: null },
          founderAccount: { channel: ctx.channel.name, externalId: ctx.from.userId, displayName: ctx.from.displayName },
        });
        await ctx.reply(text.cellCreated({ cell: cell.name, path: cell.organisationPath, founder: founder.fullName, id: cell.id }));
      },
    },
    {
      name: 'ganchibo',
      scope: 'group',
      access: 'anyone',
      committeeCommand: true,
      async run(ctx) {
        if (ctx.cell) throw new DomainError('cell.alreadyBound');
        if (!/^\d+$/.test(ctx.args)) throw new DomainError('command.syntax');
        const cellId = Number(ctx.args);
        const cell = await ctx.services.store.cells.get(cellId);
        // Only a committee member of that cell, known on this channel, may bring a new chat into it.
        const member = cell ? await ctx.memberIn(cell) : null;
        if (!cell || !member || !isSecretariat(member.role)) {
          throw new DomainError('cell.notFound', { id: cellId });
        }
        await ctx.services.roster.bindChat(cell.id, { channel: ctx.channel.name, chatId: ctx.chat.chatId, title: ctx.chat.title });
        await ctx.reply(text.chatBound({ cell: cell.name }));
      },
    },
  ],
};
