import type { BehaviourProfile, Distribution, ReturnRate, SessionRates, Spread } from './profileTypes.js';

const percent = (value: number | null, digits = 1): string => (value === null ? 'n/a' : `${(value * 100).toFixed(digits)}%`);
const number = (value: number | null, digits = 2): string => (value === null ? 'n/a' : value.toLocaleString('en-US', { maximumFractionDigits: digits }));

function list<T>(record: Readonly<Record<string, T>>, show: (value: T) => string): string {
  return Object.entries(record).map(([label, value]) => `${label} ${show(value)}`).join(', ') || 'n/a';
}

const spread = (s: Spread, unit: string): string => `p10 ${number(s.p10, 1)}${unit}, median ${number(s.median, 1)}${unit}, p90 ${number(s.p90, 1)}${unit}`;
const rates = (r: SessionRates): string => `${percent(r.conversion, 2)} conv / ${percent(r.bounce)} bounce`;
const returns = (r: ReturnRate): string => `${percent(r.lineShare)} of lines, ${percent(r.orderShare)} of orders`;
const shares = (d: Distribution): string => list(d, (value) => percent(value));

/** The cross-table behaviour section of the profile report. */
export function formatBehaviour(b: BehaviourProfile): string[] {
  const { lifecycle, fulfilment, sessions, baskets } = b;
  const local = b.clock.basis === 'config' ? `local, ${b.clock.note}` : `UTC: ${b.clock.note}`;
  const unavailable = (what: string): string => `n/a (${b.unavailable.find((line) => line.startsWith(what))?.split(': ')[1] ?? 'no data'})`;
  const lengths = Object.entries(sessions.lengthShares);
  return [
    `behaviour (hours and weekdays ${local})`,
    `  sessions: conversion ${percent(sessions.conversion, 2)}, bounce (one-event sessions) ${percent(sessions.bounce)}`,
    `  by device: ${list(sessions.byDevice, rates)}`,
    `  by source: ${list(sessions.bySource, rates)}`,
    `  clickstream ${sessions.span.first ?? 'n/a'} to ${sessions.span.last ?? 'n/a'}: ${number(sessions.span.ordersInSpan)} orders, ${number(sessions.span.sessionsPerOrder)} sessions per order, orders with a purchase session ${sessions.span.ordersWithPurchaseSession === null ? unavailable('orders with a purchase session') : percent(sessions.span.ordersWithPurchaseSession)}`,
    `  session length (events), longest: ${lengths.slice(-10).map(([length, value]) => `${length} ${percent(value, 2)}`).join(', ') || 'n/a'}`,
    `  search: ${number(sessions.search.events)} searches, ${number(sessions.search.distinctQueries)} distinct queries, top 10 ${percent(sessions.search.topQueryCount > 0 ? sessions.search.top10Share : null)}, top "${sessions.search.topQuery ?? ''}" ${number(sessions.search.topQueryCount)} uses vs median ${number(sessions.search.medianQueryCount)}`,
    `  return rate by category: ${list(baskets.returnRateByCategory, returns)}`,
    `  return rate by unit price: ${list(baskets.returnRateByPriceBand, returns)}`,
    `  gross margin by category: ${shares(baskets.grossMarginByCategory)}`,
    `  best-seller units by rank: ${list(baskets.bestSellerUnits, (units) => number(units))}; #1 / #20 ${number(baskets.bestSellerFirstToTwentieth)}x`,
    `  order lines after the product's discontinuation: ${baskets.linesAfterDiscontinuation === null ? unavailable('order lines after discontinuation') : number(baskets.linesAfterDiscontinuation)}`,
    `  buyers ${number(lifecycle.buyers)}: ${percent(lifecycle.repeatRateAmongBuyers)} order again; ${percent(lifecycle.neverBuyShare)} of customers never buy`,
    `  cohort retention, months 0-12: ${lifecycle.cohortRetention.map((value) => percent(value)).join(', ')}`,
    `  first order after signup (${number(lifecycle.firstOrderLag.buyers)} buyers signed up in the window): same day ${percent(lifecycle.firstOrderLag.sameDayShare)}, median ${number(lifecycle.firstOrderLag.medianDays, 1)} d, p90 ${number(lifecycle.firstOrderLag.p90Days, 1)} d`,
    `  ship hour: ${shares(fulfilment.shipHourShares)}`,
    `  ship weekday: ${shares(fulfilment.shipWeekdayShares)}`,
    `  handling (order to ship): ${list(fulfilment.handlingHoursByMethod, (s) => spread(s, ' h'))}`,
    `  transit (ship to delivery): ${list(fulfilment.transitHoursByMethod, (s) => `${spread(s, ' h')}, ${percent(s.wholeDayShare)} whole days`)}`,
    `  return lag (delivery to return): ${fulfilment.returnLagDays === null ? unavailable('return lag') : spread(fulfilment.returnLagDays, ' d')}`,
    `  returns by month: ${fulfilment.returnsByMonth === null ? unavailable('return lag') : shares(fulfilment.returnsByMonth)}`,
    `  Christmas Day vs the same weekday ±1-2 weeks: ${list(b.calendar.christmasVsSameWeekday, (value) => `${value.toFixed(2)}x`)}`,
    `  Thanksgiving vs the same weekday ±1-2 weeks: ${list(b.calendar.thanksgivingVsSameWeekday, (value) => `${value.toFixed(2)}x`)}`,
    `  tax / (subtotal - discount) by state: ${list(b.taxRateByState, (value) => percent(value, 2))}`,
  ];
}
