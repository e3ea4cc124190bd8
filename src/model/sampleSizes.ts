// Apart from samples.ts so that the coordinator, which only passes these on, does not load the table
// generators that samples.ts imports (the workers build the samples).

/** The sizes every dataset's samples use: the first 100 rows of each table, the first 20 orders nested. */
export const SAMPLE_ROWS = 100;
export const SAMPLE_NESTED_ORDERS = 20;
