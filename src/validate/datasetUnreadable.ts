import { UsageError } from '../errors.js';

/** The dataset cannot be validated at all (missing directory or file, malformed CSV): exit code 2. */
export class DatasetUnreadable extends UsageError {}
