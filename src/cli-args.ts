import { parseArgs } from 'node:util';

type OptionSpec = {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean | string[];
};
export type CommandSpec = { name: string; usage: string; options: Record<string, OptionSpec>; positionals?: boolean };
export type ParsedCommand = { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };

/**
 * A command's arguments, or the exit code to stop with: `--help`/`-h` prints the command's usage (0); an
 * unknown option, a missing value or a stray argument prints one line naming it (2). No stack traces.
 */
export function parseCommandArgs(
  spec: CommandSpec,
  args: string[],
  print = { out: console.log, err: console.error },
): ParsedCommand | number {
  const options = { ...spec.options, help: { type: 'boolean' as const, short: 'h' } };
  const { values, positionals, tokens } = parseArgs({
    args,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const fail = (what: string) => {
    print.err(`trax-sim ${spec.name}: ${what} (see trax-sim ${spec.name} --help)`);
    return 2;
  };
  if (values.help === true) {
    print.out(spec.usage);
    return 0;
  }
  for (const token of tokens) {
    if (token.kind === 'positional' && !spec.positionals) return fail(`unexpected argument ${token.value}`);
    if (token.kind !== 'option') continue;
    const known = Object.hasOwn(spec.options, token.name) ? spec.options[token.name] : undefined;
    if (!known) return fail(`unknown option ${token.rawName}`);
    if (known.type === 'string' && token.value === undefined) return fail(`option ${token.rawName} needs a value`);
    if (known.type === 'boolean' && token.value !== undefined) return fail(`option ${token.rawName} takes no value`);
  }
  return { values: values as ParsedCommand['values'], positionals };
}
