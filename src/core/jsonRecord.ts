/** A parsed JSON value that is an object (not null, not an array): the first check of every file we read back. */
export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null && !Array.isArray(value);
