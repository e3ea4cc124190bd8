import { printable } from '../encoding/controlChars.js';
import { UsageError } from '../errors.js';

/** The dataset cannot be validated at all (missing directory or file, malformed CSV): exit code 2. */
export class DatasetUnreadable extends UsageError {
  constructor(message: string) {
    // Printed on stderr as it is: a path may hold control characters.
    super(printable(message));
  }
}
