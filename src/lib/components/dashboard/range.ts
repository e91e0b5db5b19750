// The dashboard's date range: the quick choices (today, last 7/30/90 days, this month) and a
// custom one, their days, and how they are written in the page's address so that a reload, a
// shared link or the back button brings the same view. Pure: tested in Node.
import type { DayNumber } from '$core/brand';
import { isoDay, monthStart, parseIsoDay } from '$core/time';

export const RANGE_PRESETS = ['today', '7', '30', '90', 'month', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export interface DayRange { from: DayNumber; to: DayNumber }

export interface RangeChoice extends DayRange {
	preset: RangePreset;
}

export const DEFAULT_PRESET: RangePreset = '30';
/** The longest custom range: two years of daily bars is already more than a tablet shows. */
export const MAX_RANGE_DAYS = 731;

/** The days of a quick choice on `today`; a custom choice keeps the days it has. */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: DayNumber): DayRange {
	switch (preset) {
		case 'today': return { from: today, to: today };
		case 'month': return { from: monthStart(today), to: today };
		default: return { from: (today - Number(preset) + 1) as DayNumber, to: today };
	}
}

export const rangeDays = (r: DayRange): number => r.to - r.from + 1;

/** The choice an address asks for (?range=7, ?from=…&to=…), or the default one. */
export function rangeFromParams(params: URLSearchParams, today: DayNumber): RangeChoice {
	const from = parseIsoDay(params.get('from') ?? '');
	const to = parseIsoDay(params.get('to') ?? '');
	if (from !== null && to !== null && from <= to && rangeDays({ from, to }) <= MAX_RANGE_DAYS) return { preset: 'custom', from, to };
	const asked = params.get('range');
	const preset = RANGE_PRESETS.find((p) => p === asked && p !== 'custom') ?? DEFAULT_PRESET;
	return { preset, ...presetRange(preset as Exclude<RangePreset, 'custom'>, today) };
}

/** The address parameters of a choice and the filters (the default range writes nothing). */
export function paramsOf(choice: RangeChoice, category: string | null, supplierId: string | null): URLSearchParams {
	const params = new URLSearchParams();
	if (choice.preset === 'custom') {
		params.set('from', isoDay(choice.from));
		params.set('to', isoDay(choice.to));
	} else if (choice.preset !== DEFAULT_PRESET) params.set('range', choice.preset);
	if (category) params.set('category', category);
	if (supplierId) params.set('supplier', supplierId);
	return params;
}

/** The same-length period just before (what the "previous period" comparison compares with). */
export function previousRange(r: DayRange): DayRange {
	const length = rangeDays(r);
	return { from: (r.from - length) as DayNumber, to: (r.from - 1) as DayNumber };
}

/** The same calendar dates a year earlier (29 February falls on the 28th). */
export function lastYearRange(r: DayRange): DayRange {
	return { from: yearEarlier(r.from), to: yearEarlier(r.to) };
}

function yearEarlier(day: DayNumber): DayNumber {
	const d = new Date(day * 86_400_000);
	const y = d.getUTCFullYear() - 1, m = d.getUTCMonth();
	const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
	return (Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfMonth)) / 86_400_000) as DayNumber;
}
