#!/usr/bin/env node
// The entry point: signal handlers first, then the CLI (commander, pino, the generator), loaded after.
import { holdAtStart, installEarlySignalHandlers } from './earlySignals.js';

installEarlySignalHandlers();
await holdAtStart();
const { runProgram } = await import('./program.js');
await runProgram();
