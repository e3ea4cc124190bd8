#!/usr/bin/env node
// The entry point: signal handlers first, then the CLI (commander, pino, the generator), loaded after.
import { holdAtStart, installEarlySignalHandlers } from './earlySignals.js';
import { holdYoungGeneration } from '../changes/youngGeneration.js';

installEarlySignalHandlers();
// A change stream's coordinator keeps its young generation at its start size: held before the program's
// modules load (their garbage alone grows it to 4 MB semi-spaces; see youngGeneration.ts). The command is
// the first argument that is not an option: a miss only leaves the heap to grow as before.
if (process.argv.slice(2).find((argument) => !argument.startsWith('-')) === 'changes') holdYoungGeneration();
await holdAtStart();
const { runProgram } = await import('./program.js');
await runProgram();
