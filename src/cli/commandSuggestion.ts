/** Edit distance with adjacent transpositions (optimal string alignment): `valdiate` is one step from `validate`. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((d[(i - 1) * cols + j] as number) + 1, (d[i * cols + j - 1] as number) + 1, (d[(i - 1) * cols + j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (d[(i - 2) * cols + j - 2] as number) + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] as number;
}

/** The command closest to `word`, when it is close enough to be a slip of the keyboard. */
export function nearestCommand(word: string, commands: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const command of commands) {
    const distance = command.startsWith(lower) && lower.length >= 2 ? 0 : editDistance(lower, command);
    if (distance < bestDistance) {
      best = command;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/**
 * The default command (generate) takes no arguments, so a bare first word that names no command is a
 * mistyped command: commander would blame generate ("too many arguments"), which helps nobody.
 */
export function unknownCommandProblem(args: readonly string[], commands: readonly string[]): string | undefined {
  const first = args[0];
  if (first === undefined || first.startsWith('-') || commands.includes(first) || first === 'help') return undefined;
  const nearest = nearestCommand(first, commands);
  const hint = nearest !== undefined ? ` (did you mean ${nearest}?)` : '';
  return `unknown command '${first}'${hint}; commands: ${commands.join(', ')}`;
}
