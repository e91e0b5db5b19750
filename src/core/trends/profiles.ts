// Weekday and month profiles: which days of the week and months of the year sell more.
import { monthOf, weekdayOf } from './calendar';

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
	// Months by walking calendar days is cheap (a few thousand days) and exact at month edges.
	for (let d = fromDay; d <= toDay; d++) {
		weekday[weekdayOf(d)].calendarDays++;
		month[monthOf(d)].calendarDays++;
	}
	let totalUnits = 0;
	for (let i = 0; i < days.length; i++) {
		const d = days[i];
		if (d < fromDay || d > toDay) continue;
		for (const bucket of [weekday[weekdayOf(d)], month[monthOf(d)]]) {
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
