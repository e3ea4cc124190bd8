// The CLI proper, imported by main.ts once its signal handlers are in place.
import { Command, CommanderError } from 'commander';
import { ConfigError, OptionError, RuntimeFailure, SchemaError, UsageError } from '../errors.js';
import { TOOL_VERSION } from '../run/toolVersion.js';
import { registerGenerate } from './commands/generateCommand.js';
import { registerChanges } from './commands/changesCommand.js';
import { registerDdl } from './commands/ddlCommand.js';
import { registerLoad } from './commands/loadCommand.js';
import { registerDocs } from './commands/docsCommand.js';
import { registerMerge } from './commands/mergeCommand.js';
import { registerProfile } from './commands/profileCommand.js';
import { registerReport } from './commands/reportCommand.js';
import { registerValidate } from './commands/validateCommand.js';
import { registerClean } from './commands/cleanCommand.js';
import { registerList } from './commands/listCommand.js';
import { unknownCommandProblem } from './commandSuggestion.js';
import { mainFlagsHelp } from './mainFlagsHelp.js';
import { EXIT_RUNTIME, EXIT_USAGE, fail } from './exit.js';

function buildProgram(): Command {
  const program = new Command();
  program
    .name('ecomgen')
    .description('Generate realistic, relationally consistent e-commerce datasets (CSV), deterministically.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'ecomgen: ')) });
  // One module per command in ./commands; each adds itself here.
  registerGenerate(program);
  registerChanges(program);
  registerDdl(program);
  registerLoad(program);
  registerDocs(program);
  registerMerge(program);
  registerProfile(program);
  registerReport(program);
  registerValidate(program);
  registerList(program);
  registerClean(program);
  const generate = program.commands.find((command) => command.name() === 'generate');
  program.addHelpText('after', () => {
    // The width commander wraps its own lists to: the terminal's, else 80.
    const flags = generate ? `\n${mainFlagsHelp(generate, process.stdout.columns || 80)}` : '';
    return `\ngenerate is the default command: \`ecomgen -e staging\` is \`ecomgen generate -e staging\`.\n${flags}`;
  });
  return program;
}

/** Parses argv and runs the command; errors end the process with one line and their exit code. */
export async function runProgram(): Promise<void> {
  try {
    const program = buildProgram();
    const problem = unknownCommandProblem(process.argv.slice(2), program.commands.map((command) => command.name()));
    if (problem) fail(problem, EXIT_USAGE);
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) process.exit(0);
      // commander already printed its message ("error: option ... argument ... is invalid").
      process.exit(EXIT_USAGE);
    }
    // generate() words its input errors for library callers; the CLI says them with its flags.
    if (error instanceof OptionError) fail(error.cliMessage, EXIT_USAGE);
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof SchemaError) fail(error.message, EXIT_USAGE);
    if (error instanceof RuntimeFailure) fail(error.message, EXIT_RUNTIME);
    const detail = error instanceof Error ? error.message : String(error);
    fail(`failed: ${detail}`, EXIT_RUNTIME);
  }
}

