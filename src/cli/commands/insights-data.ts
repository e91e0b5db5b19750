// What `recommend` and `segments` share: reading --until and --top (learning from the store is
// the core's: core/reports/insights.ts).
import type { DayNumber } from '../../core/brand';
import { loadBaskets } from '../../core/reports/insights';
import { parseIsoDay } from '../../core/time';
import { UsageError } from '../args';

export { loadBaskets };

export const UNTIL_HELP = `  --until DATE  learn only from sales up to this day (YYYY-MM-DD, inclusive);
                default: the last day with a sale`;

export function parseUntil(value: unknown): DayNumber | undefined {
	if (value === undefined) return undefined;
	const day = parseIsoDay(String(value));
	if (day === null) throw new UsageError(`--until must be a date written YYYY-MM-DD, not "${String(value)}"`);
	return day;
}

export function parseTop(value: unknown, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError(`--top must be a whole number from 1 to 100, not "${String(value)}"`);
	return n;
}
