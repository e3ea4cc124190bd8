// Error kinds decide the exit code: bad input (2) is the user's to fix, a runtime failure (1) is not.
export class UsageError extends Error {}

export class RuntimeFailure extends Error {}

/**
 * Bad input to `generate()`, in the library caller's words: `option` is the GenerateOptions key at fault
 * (`outputDir`, `seed`, ...) and the message names options as a caller passes them (`force: true`).
 * `cliMessage` is the same error as the CLI words it (`--output-dir: ... pass --force`).
 */
export class OptionError extends UsageError {
  constructor(
    message: string,
    readonly option: string | undefined,
    readonly cliMessage: string,
  ) {
    super(message);
  }
}

/** The output directory holds a dataset (or a run's files) that only `force: true` (or `resume: true`) gets past. */
export class DatasetExistsError extends OptionError {}

/** Another live ecomgen run holds the output directory. */
export class DirectoryInUseError extends OptionError {}

/** DuckDB, an optional dependency, is not installed (npm install --omit=optional, or no prebuilt binding for the platform). */
export class DuckdbMissingError extends UsageError {}

/** A config or defects YAML file is wrong; the message names the file and the key path. */
export class ConfigError extends Error {}

/** A schema JSON file is wrong; the message names the file. */
export class SchemaError extends Error {}
