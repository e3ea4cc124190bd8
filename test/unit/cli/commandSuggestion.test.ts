import { describe, expect, it } from 'vitest';
import { nearestCommand, unknownCommandProblem } from '../../../src/cli/commandSuggestion.js';

const COMMANDS = ['generate', 'ddl', 'load', 'docs', 'merge', 'profile', 'validate'];

describe('a mistyped command', () => {
  it('suggests the nearest command for slips of the keyboard', () => {
    expect(nearestCommand('valdate', COMMANDS)).toBe('validate'); // a letter dropped
    expect(nearestCommand('valdiate', COMMANDS)).toBe('validate'); // two letters swapped
    expect(nearestCommand('genrate', COMMANDS)).toBe('generate');
    expect(nearestCommand('profiel', COMMANDS)).toBe('profile');
    expect(nearestCommand('Merge', COMMANDS)).toBe('merge');
    expect(nearestCommand('val', COMMANDS)).toBe('validate'); // a prefix
    expect(nearestCommand('dld', COMMANDS)).toBe('ddl');
  });

  it('suggests nothing for words far from every command', () => {
    expect(nearestCommand('banana', COMMANDS)).toBeUndefined();
    expect(nearestCommand('x', COMMANDS)).toBeUndefined();
  });

  it('is one line naming the word, the suggestion and the commands', () => {
    expect(unknownCommandProblem(['valdate', 'dir'], COMMANDS)).toBe(`unknown command 'valdate' (did you mean validate?); commands: ${COMMANDS.join(', ')}`);
    expect(unknownCommandProblem(['banana'], COMMANDS)).toBe(`unknown command 'banana'; commands: ${COMMANDS.join(', ')}`);
  });

  it('leaves flags, known commands and help to the parser', () => {
    expect(unknownCommandProblem([], COMMANDS)).toBeUndefined();
    expect(unknownCommandProblem(['-e', 'dev'], COMMANDS)).toBeUndefined();
    expect(unknownCommandProblem(['--help'], COMMANDS)).toBeUndefined();
    expect(unknownCommandProblem(['validate', 'dir'], COMMANDS)).toBeUndefined();
    expect(unknownCommandProblem(['help', 'generate'], COMMANDS)).toBeUndefined();
  });
});
