import type { Command } from 'commander';

/** The generate flags a first run needs, shown in `ecomgen --help` (the rest: `ecomgen generate --help`). */
const MAIN_FLAGS = ['--environment', '--seed', '--output-dir', '--format', '--compress', '--tables', '--part', '--parts', '--force', '--validate', '--quiet'];

/** A description up to its first clause outside parentheses (`; ` or `: `), to keep the list short. */
export function shortDescription(text: string): string {
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (char === ';' || char === ':') && text[at + 1] === ' ') return text.slice(0, at);
  }
  return text;
}

/**
 * The main generate flags, taken from the generate command so they cannot drift from it, laid out and
 * wrapped to `helpWidth` columns as commander lays out its own option lists.
 */
export function mainFlagsHelp(generate: Command, helpWidth = 80): string {
  const options = MAIN_FLAGS.map((long) => generate.options.find((option) => option.long === long)).filter((option) => option !== undefined);
  const help = generate.createHelp();
  help.prepareContext({ helpWidth });
  const termWidth = Math.max(...options.map((option) => option.flags.length));
  const items = options.map((option) => help.formatItem(option.flags, termWidth, shortDescription(option.description), help));
  return `Main generate flags (every flag, with defaults: ecomgen generate --help):\n${items.join('\n')}\n`;
}
