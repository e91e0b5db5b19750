// The customer segments the dashboard shows are the insights worker's last segmentation, kept as
// a small setting when it learns (the dashboard never segments customers itself: that reads every
// sale line). Absent until the segments are computed once.
import type { DayNumber } from '../brand';
import type { Segmentation } from '../insights/customer-segments';
import { SEGMENTS } from '../insights/segment-rules';
import type { StoredSegments } from './view';

/** The setting that holds the last segmentation's summary (device-local: each device learns its own). */
export const SEGMENTS_SETTING = 'dashboard.segments';

/** Customers and their spend per segment, every segment listed (0 when empty), in SEGMENTS order. */
export function storedSegmentsOf(s: Segmentation): StoredSegments {
	const rows = SEGMENTS.map((segment) => ({ segment, customers: 0, revenue: 0 }));
	for (const c of s.customers) {
		const row = rows[SEGMENTS.indexOf(c.segment)];
		row.customers++;
		row.revenue += c.monetary;
	}
	return { asOfDay: s.asOfDay as DayNumber, rows };
}

/** A stored value read back: anything not of the shape is treated as never stored. */
export function parseStoredSegments(value: unknown): StoredSegments | null {
	if (!value || typeof value !== 'object') return null;
	const v = value as Partial<StoredSegments>;
	if (typeof v.asOfDay !== 'number' || !Array.isArray(v.rows)) return null;
	const rows = v.rows.filter((r) => r && typeof r.segment === 'string' && Number.isFinite(r.customers) && Number.isFinite(r.revenue));
	return { asOfDay: v.asOfDay, rows: rows.map((r) => ({ segment: r.segment, customers: r.customers, revenue: r.revenue })) };
}
