import { DomainError } from '../domain/errors.ts';
import { commandHelp, text, type CommandName } from '../text/vi.ts';
import type { CommandSpec, Feature } from './registry.ts';

/** /huongdan is generated from the registry, so a new command appears in it by being registered. */
export function helpFeature(registry: () => readonly CommandSpec[]): Feature {
  return {
    commands: [
      {
        name: 'huongdan',
        aliases: ['help', 'start', 'trogiup'],
        scope: 'any',
        access: 'anyone',
        async run(ctx) {
          const specs = registry();
          const wanted = ctx.args.replace(/^\//, '').toLowerCase();
          if (wanted) {
            const spec = specs.find((s) => s.name === wanted || s.aliases?.includes(wanted));
            if (!spec) throw new DomainError('command.unknown', { name: wanted });
            await ctx.reply(text.helpOne(spec.name));
            return;
          }
          await ctx.reply(text.help(specs.map((s) => ({ name: s.name as CommandName, secretariatOnly: s.access === 'secretariat' || s.committeeCommand === true }))));
        },
      },
    ],
  };
}

/** The command menu a chat platform shows ("/" in Telegram): every command with its one-line summary. */
export function commandMenu(specs: readonly CommandSpec[]): { command: string; description: string }[] {
  return specs.map((spec) => ({ command: spec.name, description: commandHelp[spec.name].summary }));
}
