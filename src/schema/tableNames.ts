// The five tables, in the order they are generated and validated (parents before children).
export const TABLE_NAMES = ['customers', 'products', 'orders', 'order_items', 'web_events'] as const;
export type TableName = (typeof TABLE_NAMES)[number];
export type TableCounts = Readonly<Record<TableName, number>>;
