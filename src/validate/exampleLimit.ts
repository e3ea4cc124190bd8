// Apart from validateDataset so that the CLI can state the limit in its help without loading the validator.

/** Most offending rows a rule keeps: the report, examples and all, is built in memory. */
export const MAX_EXAMPLES = 1000;
