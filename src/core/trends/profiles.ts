// Weekday and month profiles: which days of the week and months of the year sell more.
import { monthOf, nextMonthStart, weekdayOf } from './calendar';

export interface ProfileBucket {
	/** Calendar days of this weekday (or month) within the range. */
	calendarDays: number;
	/** Of those, days with at least one sale. */
	sellingDays: number;
	units: number;
	/** Cents. */
	revenue: number;
	/** Units per calendar day of this bucket. */
	unitsPerDay: number;
	/** unitsPerDay over the range's units per day: 1 is average, 0 means it never sells (e.g. closed). */
	index: number | null;
}

export interface DemandProfile {
	fromDay: number;
	toDay: number;
	/** 0 = Monday … 6 = Sunday. */
	weekday: ProfileBucket[];
	/** 0 = January … 11 = December; a month the range never reaches has calendarDays 0 and index null. */
	month: ProfileBucket[];
}

const emptyBucket = (): ProfileBucket => ({ calendarDays: 0, sellingDays: 0, units: 0, revenue: 0, unitsPerDay: 0, index: null });

/**
 * Profile of a sparse daily series (ascending days with units and revenue) over [fromDay, toDay].
 * Days without an entry count as calendar days with no sales, so a weekday the shop is shut
 * shows index 0.
 */
export function demandProfile(days: ArrayLike<number>, units: ArrayLike<number>, revenue: ArrayLike<number>, fromDay: number, toDay: number): DemandProfile {
	const weekday = Array.from({ length: 7 }, emptyBucket);
	const month = Array.from({ length: 12 }, emptyBucket);
	if (toDay < fromDay) return { fromDay, toDay, weekday, month };
	// Walk the calendar once, noting each day's month: one Date per month, not per day (a catalogue
	// report profiles thousands of products over hundreds of days).
	const monthOfDay = new Uint8Array(toDay - fromDay + 1);
	for (let d = fromDay; d <= toDay; ) {
		const m = monthOf(d);
		const next = Math.min(toDay + 1, nextMonthStart(d));
		for (; d < next; d++) {
			monthOfDay[d - fromDay] = m;
			weekday[weekdayOf(d)].calendarDays++;
			month[m].calendarDays++;
		}
	}
	let totalUnits = 0;
	for (let i = 0; i < days.length; i++) {
		const d = days[i];
		if (d < fromDay || d > toDay) continue;
		for (const bucket of [weekday[weekdayOf(d)], month[monthOfDay[d - fromDay]]]) {
			bucket.units += units[i];
			bucket.revenue += revenue[i];
			if (units[i] !== 0) bucket.sellingDays++;
		}
		totalUnits += units[i];
	}
	const overallPerDay = totalUnits / (toDay - fromDay + 1);
	for (const bucket of [...weekday, ...month]) {
		if (bucket.calendarDays === 0) continue;
		bucket.unitsPerDay = bucket.units / bucket.calendarDays;
		bucket.index = overallPerDay > 0 ? bucket.unitsPerDay / overallPerDay : null;
	}
	return { fromDay, toDay, weekday, month };
}
