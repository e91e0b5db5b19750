// The alert kinds and severities alone: the screens that only list or count alerts import this,
// not the rules, so the first page's JavaScript carries no alert logic.
export const ALERT_KINDS = ['oversold', 'sold_out', 'stockout_predicted', 'low_stock', 'demand_change', 'dead_stock', 'overstock'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type AlertSeverity = 'high' | 'medium' | 'low';
