/** What a terminal stream needs to be: process.stderr, or a fake one in tests. */
export interface TextSink {
  write(text: string): boolean;
}

const CLEAR_LINE = '\r\x1b[2K';

/**
 * One terminal stream shared by log lines and a status line kept below them: before a log line is
 * written the status line is cleared (so the two never run into each other), and it is drawn again
 * after, so it stays the last line on screen until `clear`.
 */
export class TerminalLines {
  private current: string | undefined;

  constructor(private readonly stream: TextSink) {}

  /** Draws (or replaces) the status line; it has no newline, so the next draw overwrites it. */
  status(text: string): void {
    this.stream.write(`${CLEAR_LINE}${text}`);
    this.current = text;
  }

  /** Writes whole lines above the status line. */
  line(text: string): void {
    const ended = text.endsWith('\n') ? text : `${text}\n`;
    this.stream.write(this.current === undefined ? ended : `${CLEAR_LINE}${ended}${this.current}`);
  }

  /** Removes the status line for good (the run ended). */
  clear(): void {
    if (this.current !== undefined) this.stream.write(CLEAR_LINE);
    this.current = undefined;
  }
}
