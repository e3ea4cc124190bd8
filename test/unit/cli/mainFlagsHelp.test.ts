// `ecomgen --help` shows the main generate flags, read from the generate command itself.
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { registerGenerate } from '../../../src/cli/commands/generateCommand.js';
import { mainFlagsHelp, shortDescription } from '../../../src/cli/mainFlagsHelp.js';

describe('mainFlagsHelp', () => {
  const program = new Command();
  registerGenerate(program);
  const generate = program.commands[0] as Command;
  const text = mainFlagsHelp(generate);

  it('lists the main flags wrapped to 80 columns, each with the start of its own description', () => {
    const lines = text.trimEnd().split('\n');
    expect(lines.filter((line) => line.length > 80)).toEqual([]);
    expect(lines[0]).toBe('Main generate flags (every flag, with defaults: ecomgen generate --help):');
    for (const long of ['--environment', '--seed', '--output-dir', '--format', '--compress', '--tables', '--part', '--parts', '--force', '--validate', '--quiet']) {
      const option = generate.options.find((candidate) => candidate.long === long);
      expect(option, long).toBeDefined();
      const line = lines.find((candidate) => candidate.trimStart().startsWith(`${option?.flags ?? ''} `)) as string;
      expect(line, long).toBeDefined();
      // The first line holds the flags, then the first words of the flag's own description.
      const start = line.slice(line.indexOf(option?.flags as string) + (option?.flags as string).length).trim();
      expect(start.length, long).toBeGreaterThan(5);
      expect(option?.description.startsWith(start), long).toBe(true);
    }
  });

  it('cuts a description at its first clause outside parentheses', () => {
    expect(shortDescription('seed of the data: same seed gives the same bytes (default: 42)')).toBe('seed of the data');
    expect(shortDescription('where to write (default: here); more')).toBe('where to write (default: here)');
    expect(shortDescription('no clause at all')).toBe('no clause at all');
  });
});
