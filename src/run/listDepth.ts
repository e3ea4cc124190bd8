// Apart from datasetList.ts so that `ecomgen list --help` can name it without loading the listing code.
/** Levels below the root that are searched: sample_data/<env>, runs/<day>/<env>, ... */
export const MAX_LIST_DEPTH = 4;
