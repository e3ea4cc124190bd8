import type { TopLevelSpec } from 'vega-lite';
import type { TableName } from '../schema/tableNames.js';
import type { ReportFigures } from './reportTypes.js';

/** One chart of the page: what it shows and the Vega-Lite spec that draws it. */
export interface ReportChart {
  readonly id: string;
  readonly title: string;
  /** One sentence under the title: what is counted, and how. */
  readonly caption: string;
  /** Spans the page's two columns. */
  readonly wide: boolean;
  /** The tables its figures come from: without one of them the chart is not drawn. */
  readonly needs: readonly TableName[];
  readonly spec: TopLevelSpec;
}

/** The tables of `needs` that the dataset does not hold. */
export function missingTables(needs: readonly TableName[], present: readonly TableName[]): TableName[] {
  return needs.filter((table) => !present.includes(table));
}

const WIDE = 1000;
const HALF = 470;

/** Look shared by every chart: sans-serif text (no web font to fetch), no frame around the plot. */
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e5e7eb', domainColor: '#9ca3af', tickColor: '#9ca3af' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
  range: { category: { scheme: 'tableau10' } },
} as const;

function chart(id: string, title: string, caption: string, wide: boolean, needs: readonly TableName[], spec: Record<string, unknown>): ReportChart {
  return { id, title, caption, wide, needs, spec: { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: CONFIG, background: 'white', ...spec } as TopLevelSpec };
}

const dollars = (cents: number): number => cents / 100;

function ordersPerDay(figures: ReportFigures, timeBasis: string): ReportChart {
  return chart('orders-per-day', 'Orders per day', `Orders per ${timeBasis} day across the window; the year's Black Friday / Cyber Monday peak is marked.`, true, ['orders'], {
    width: WIDE,
    height: 240,
    layer: [
      {
        data: { values: figures.ordersPerDay },
        mark: { type: 'line', strokeWidth: 1, color: '#4e79a7' },
        encoding: {
          x: { field: 'day', type: 'temporal', scale: { type: 'utc' }, axis: { format: '%b %Y', title: null, tickCount: 'month', labelAngle: -40, labelOverlap: true } },
          y: { field: 'orders', type: 'quantitative', title: 'orders' },
        },
      },
      {
        data: { values: figures.holidays },
        layer: [
          { mark: { type: 'point', filled: true, color: '#e15759', size: 40 } },
          { mark: { type: 'text', align: 'right', dx: -6, dy: -2, fontSize: 11, color: '#b91c1c' }, encoding: { text: { field: 'label' } } },
        ],
        encoding: {
          x: { field: 'day', type: 'temporal', scale: { type: 'utc' } },
          y: { field: 'orders', type: 'quantitative' },
        },
      },
    ],
  });
}

function revenueByMonth(figures: ReportFigures, timeBasis: string): ReportChart {
  const values = figures.revenueByMonth.map((row) => ({ month: row.month, category: row.category, revenue: dollars(row.revenueCents) }));
  return chart('revenue-by-month', 'Monthly revenue by category', `Sum of order_items.line_total per ${timeBasis} month of the order, stacked by the product's category.`, true, ['products', 'orders', 'order_items'], {
    width: WIDE,
    height: 260,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: null, axis: { labelAngle: -60 } },
      y: { field: 'revenue', type: 'quantitative', aggregate: 'sum', title: 'revenue ($)', axis: { format: '~s' } },
      color: { field: 'category', type: 'nominal', title: 'category' },
      order: { field: 'category' },
    },
  });
}

function customersByState(figures: ReportFigures): ReportChart {
  const color = { scale: { domain: ['customers', '2020 Census population'], range: ['#4e79a7', '#e15759'] }, legend: { orient: 'top-right', title: null, labelLimit: 0 } };
  return chart('customers-by-state', 'Customers by state against population', "Share of customers per state (bars, most first) and the state's share of the 2020 Census resident population (ticks).", true, ['customers'], {
    width: WIDE,
    height: 220,
    data: { values: figures.states },
    encoding: { x: { field: 'state', type: 'nominal', sort: figures.states.map((row) => row.state), title: null, axis: { labelAngle: -90, labelFontSize: 9 } } },
    layer: [
      { mark: { type: 'bar' }, encoding: { y: { field: 'customerShare', type: 'quantitative', title: 'share', axis: { format: '.0%' } }, color: { datum: 'customers', ...color } } },
      { mark: { type: 'tick', thickness: 2 }, encoding: { y: { field: 'populationShare', type: 'quantitative' }, color: { datum: '2020 Census population', ...color } } },
    ],
  });
}

function pricesByCategory(figures: ReportFigures): ReportChart {
  const y = { field: 'category', type: 'nominal', title: null, sort: figures.prices.map((row) => row.category) };
  return chart('prices-by-category', 'Price distribution by category', 'products.price per category: the line spans min to max, the box p10 to p90, the white tick is the median (log scale).', false, ['products'], {
    width: HALF - 120,
    height: { step: 22 },
    data: { values: figures.prices },
    encoding: { y },
    layer: [
      { mark: { type: 'rule', color: '#9ca3af' }, encoding: { x: { field: 'min', type: 'quantitative', scale: { type: 'log' }, title: 'price ($)' }, x2: { field: 'max' } } },
      { mark: { type: 'bar', size: 12, color: '#59a14f' }, encoding: { x: { field: 'p10', type: 'quantitative' }, x2: { field: 'p90' } } },
      { mark: { type: 'tick', color: 'white', thickness: 2, size: 12 }, encoding: { x: { field: 'median', type: 'quantitative' } } },
    ],
  });
}

function funnelByDevice(figures: ReportFigures): ReportChart {
  const steps = [...new Map(figures.funnel.map((row) => [row.order, row.step])).entries()].sort((a, b) => a[0] - b[0]).map(([, step]) => step);
  return chart('funnel-by-device', 'Web funnel by device', 'Share of each device\'s sessions that reach the step (a session counts once per event type it holds).', false, ['web_events'], {
    width: HALF - 110,
    height: 240,
    data: { values: figures.funnel },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'step', type: 'nominal', sort: steps, title: null, axis: { labelAngle: 0 } },
      xOffset: { field: 'device', type: 'nominal' },
      y: { field: 'share', type: 'quantitative', title: 'share of sessions', scale: { type: 'sqrt' }, axis: { format: '.0%' } },
      color: { field: 'device', type: 'nominal', title: 'device' },
    },
  });
}

function conversionBySource(figures: ReportFigures): ReportChart {
  return chart('conversion-by-source', 'Conversion by traffic source', 'Share of sessions with a purchase event, by the session\'s traffic source; the label is the sessions.', false, ['web_events'], {
    width: HALF - 130,
    height: { step: 24 },
    data: { values: figures.sources },
    encoding: {
      y: { field: 'source', type: 'nominal', sort: [...figures.sources].sort((a, b) => b.conversion - a.conversion).map((row) => row.source), title: null },
      x: { field: 'conversion', type: 'quantitative', title: 'conversion', axis: { format: '.1%' } },
    },
    layer: [
      { mark: { type: 'bar', color: '#f28e2b' } },
      { mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#374151' }, encoding: { text: { field: 'sessions', type: 'quantitative', format: ',' } } },
    ],
  });
}

function cohortRetention(figures: ReportFigures, timeBasis: string): ReportChart {
  return chart('cohort-retention', 'Cohort retention', `Of the customers who signed up in a ${timeBasis} month (rows), the share ordering in each month after (0 = the signup month); months past the window are blank.`, false, ['customers', 'orders'], {
    width: HALF - 150,
    height: { step: 12 },
    data: { values: figures.cohorts },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'months after signup', axis: { labelAngle: 0 } },
      y: { field: 'cohort', type: 'ordinal', title: 'signup month', axis: { labelFontSize: 9 } },
      color: { field: 'retention', type: 'quantitative', title: 'ordering', scale: { scheme: 'blues' }, legend: { format: '.0%' } },
      tooltip: [{ field: 'size', title: 'cohort size' }],
    },
  });
}

function returnsByCategory(figures: ReportFigures): ReportChart {
  return chart('returns-by-category', 'Return rate by category', 'Share of the category\'s order lines whose order has status returned.', false, ['products', 'orders', 'order_items'], {
    width: HALF - 130,
    height: { step: 22 },
    data: { values: figures.returns },
    mark: { type: 'bar', color: '#76b7b2' },
    encoding: {
      y: { field: 'category', type: 'nominal', sort: '-x', title: null },
      x: { field: 'lineShare', type: 'quantitative', title: 'lines returned', axis: { format: '.0%' } },
    },
  });
}

function itemsPerOrder(figures: ReportFigures): ReportChart {
  return chart('items-per-order', 'Items per order', 'Orders by their number of order_items rows (lines, not units).', false, ['orders', 'order_items'], {
    width: HALF - 80,
    height: 220,
    data: { values: figures.itemsPerOrder },
    mark: { type: 'bar', color: '#af7aa1' },
    encoding: {
      x: { field: 'items', type: 'ordinal', title: 'lines in the order', axis: { labelAngle: 0 } },
      y: { field: 'orders', type: 'quantitative', title: 'orders', axis: { format: '~s' } },
    },
  });
}

/** The report's charts, in page order. `timeBasis` names the clock days and months are read on. */
export function reportCharts(figures: ReportFigures): ReportChart[] {
  const timeBasis = figures.clock.basis === 'config' ? 'local' : 'UTC';
  return [
    ordersPerDay(figures, timeBasis),
    revenueByMonth(figures, timeBasis),
    customersByState(figures),
    pricesByCategory(figures),
    returnsByCategory(figures),
    funnelByDevice(figures),
    conversionBySource(figures),
    cohortRetention(figures, timeBasis),
    itemsPerOrder(figures),
  ];
}
