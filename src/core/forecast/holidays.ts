// Holidays and closures: fixed dates on which the shop's own history shows it closed (25 December,
// 1 January, a local feast), learned from its daily totals, plus the dates the owner lists. Both are
// forecast as closed days (zero), like the closed weekdays.
import type { DayNumber } from '../brand';
import { MS_PER_DAY, parseIsoDay } from '../time';
import { closedWeekdays, weekdayOf } from './calendar';

/** Setting: the owner's closed dates, as YYYY-MM-DD strings. */
export const HOLIDAYS_SETTING = 'forecast.holidays';

/** A date that recurs every year: month 1..12, day 1..31. */
export interface MonthDay {
	month: number;
	day: number;
}

/** Days either side of a closure looked at to tell whether the shop is normally open then. */
const NEIGHBOURHOOD_DAYS = 28;
/** Share of the neighbourhood's trading days with a sale for the shop to count as normally open. */
const NORMALLY_OPEN_SHARE = 0.9;
/** Fewest trading days seen in the neighbourhood for it to say anything. */
const MIN_NEIGHBOUR_DAYS = 14;
/** Same weekdays around a closure seen, and the share of them with a sale, for the shop to count as open on that weekday. */
const MIN_SAME_WEEKDAYS = 4;
const SAME_WEEKDAY_SHARE = 0.75;
/** A longer run of closed days is a break or a gap in the data, not a holiday. */
const MAX_CLOSURE_RUN = 16;
/** Years ahead the learned dates are expanded into closed days (a forecast can start after the last sale). */
const YEARS_AHEAD = 3;

export const monthDayOf = (day: number): MonthDay => {
	const date = new Date(day * MS_PER_DAY);
	return { month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

const keyOf = (md: MonthDay) => md.month * 100 + md.day;

/**
 * The month-days on which the shop's history shows it closed: it sold nothing on the date in most
 * years that say anything about it (at least one), the latest of them included. A year says the shop
 * closed only when the shop was normally open around the date: within four weeks either side, leaving
 * out the run of closed days the date is in (Christmas to New Year), it sold on at least 90% of its
 * trading days and on at least three in four of the same weekday (a shop that shuts on Mondays for
 * a season has no Monday holidays). So a sparse shop, where days without sales are common, learns
 * nothing. A closed weekday counts when it lies inside such a run (a Saturday within a Christmas
 * break); a run longer than MAX_CLOSURE_RUN days, or touching the history's ends, is a break or a
 * gap in the data. A year with a sale on the date says it opened. 29 February is left out.
 * shopUnits[i] is day startDay + i.
 */
export function learnHolidays(shopUnits: ArrayLike<number>, startDay: DayNumber, closedWeekday = closedWeekdays(shopUnits, startDay)): MonthDay[] {
	const length = shopUnits.length;
	const trading = (i: number) => !closedWeekday[weekdayOf(startDay + i)];
	const sold = (i: number) => shopUnits[i] > 0;
	// Per month-day, in date order: +1 for a year closed, -1 for a year open.
	const years = new Map<number, number[]>();
	const say = (i: number, closed: boolean) => {
		const md = monthDayOf(startDay + i);
		if (md.month === 2 && md.day === 29) return;
		const key = keyOf(md);
		if (!years.has(key)) years.set(key, []);
		years.get(key)!.push(closed ? 1 : -1);
	};
	for (let i = 0; i < length; i++) {
		if (sold(i)) {
			say(i, false);
			continue;
		}
		let from = i, to = i;
		while (from > 0 && !sold(from - 1)) from--;
		while (to < length - 1 && !sold(to + 1)) to++;
		if (from === 0 || to === length - 1 || to - from + 1 > MAX_CLOSURE_RUN) continue;
		const isTrading = trading(i);
		if (!isTrading && !(hasTradingDay(from, i - 1, trading) && hasTradingDay(i + 1, to, trading))) continue;
		if (normallyOpen(i, from, to, isTrading, length, trading, sold)) say(i, true);
	}
	const learned: MonthDay[] = [];
	for (const [key, said] of years) {
		const closed = said.filter((v) => v > 0).length;
		if (said.at(-1)! > 0 && closed > said.length / 2) learned.push({ month: Math.floor(key / 100), day: key % 100 });
	}
	return learned.sort((a, b) => keyOf(a) - keyOf(b));
}

function hasTradingDay(from: number, to: number, trading: (i: number) => boolean): boolean {
	for (let j = from; j <= to; j++) if (trading(j)) return true;
	return false;
}

/** Whether the shop was normally open around day i, leaving out the closed run from..to. */
function normallyOpen(i: number, from: number, to: number, sameWeekday: boolean, length: number, trading: (i: number) => boolean, sold: (i: number) => boolean): boolean {
	let seen = 0, withSales = 0, weekdaySeen = 0, weekdaySold = 0;
	for (let j = Math.max(0, i - NEIGHBOURHOOD_DAYS); j <= Math.min(length - 1, i + NEIGHBOURHOOD_DAYS); j++) {
		if ((j >= from && j <= to) || !trading(j)) continue;
		seen++;
		if (sold(j)) withSales++;
		if ((j - i) % 7 === 0) {
			weekdaySeen++;
			if (sold(j)) weekdaySold++;
		}
	}
	if (seen < MIN_NEIGHBOUR_DAYS || withSales < NORMALLY_OPEN_SHARE * seen) return false;
	return !sameWeekday || (weekdaySeen >= MIN_SAME_WEEKDAYS && weekdaySold >= SAME_WEEKDAY_SHARE * weekdaySeen);
}

/**
 * Every day from startDay to YEARS_AHEAD years after lastDay that falls on a learned month-day, and
 * every listed date: the days forecasts keep closed beside the closed weekdays.
 */
export function closedDatesOf(learned: readonly MonthDay[], listed: readonly DayNumber[], startDay: DayNumber, lastDay: DayNumber): Set<number> {
	const out = new Set<number>(listed);
	if (learned.length === 0) return out;
	const keys = new Set(learned.map(keyOf));
	for (let day = startDay; day <= lastDay + YEARS_AHEAD * 366; day++) if (keys.has(keyOf(monthDayOf(day)))) out.add(day);
	return out;
}

/** A stretch of consecutive learned dates (a Christmas break), from..to inclusive; one date has from = to. */
export interface MonthDayRun {
	from: MonthDay;
	to: MonthDay;
}

/** The day after a month-day in a common year (29 February is never learned). */
function nextMonthDay(md: MonthDay): MonthDay {
	return monthDayOf(Date.UTC(2001, md.month - 1, md.day) / MS_PER_DAY + 1);
}

const sameMonthDay = (a: MonthDay, b: MonthDay) => a.month === b.month && a.day === b.day;

/** Learned dates as stretches of consecutive days, in calendar order; one running past 31 December comes last. */
export function monthDayRuns(learned: readonly MonthDay[]): MonthDayRun[] {
	const sorted = [...learned].sort((a, b) => keyOf(a) - keyOf(b));
	const runs: MonthDayRun[] = [];
	for (const md of sorted) {
		const last = runs.at(-1);
		if (last && sameMonthDay(nextMonthDay(last.to), md)) last.to = md;
		else runs.push({ from: md, to: md });
	}
	if (runs.length > 1 && sameMonthDay(nextMonthDay(runs.at(-1)!.to), runs[0].from)) runs.at(-1)!.to = runs.shift()!.to;
	return runs;
}

/** The owner's closed dates from the stored setting (unreadable entries left out), sorted and once each. */
export function listedHolidays(setting: unknown): DayNumber[] {
	if (!Array.isArray(setting)) return [];
	const days = setting.flatMap((v) => (typeof v === 'string' ? [parseIsoDay(v)] : [])).filter((d): d is DayNumber => d !== null);
	return [...new Set(days)].sort((a, b) => a - b);
}

/**
 * The learned month-days from a shop's stored daily totals (days without a row, or without lines,
 * sold nothing), over the same span the forecast reads (the last maxDays days): what the settings
 * screen shows. A day counts as open by its lines, not its net units, which a large return can
 * make negative on a busy day.
 */
export function learnHolidaysFromDays(days: readonly { day: DayNumber; lines: number }[], maxDays: number): MonthDay[] {
	const open = days.filter((d) => d.lines > 0);
	if (open.length === 0) return [];
	let first = Infinity, last = -Infinity;
	for (const d of open) {
		first = Math.min(first, d.day);
		last = Math.max(last, d.day);
	}
	const startDay = Math.max(first, last - maxDays + 1) as DayNumber;
	const lines = new Float64Array(last - startDay + 1);
	for (const d of open) if (d.day >= startDay) lines[d.day - startDay] += d.lines;
	return learnHolidays(lines, startDay);
}
