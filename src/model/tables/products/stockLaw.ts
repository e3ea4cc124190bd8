/** Stock is log-normal around the configured median: round(median * exp(STOCK_LOG_SIGMA * z)). */
export const STOCK_LOG_SIGMA = 0.9;
