// The shop's holidays for the settings screen: the closed dates the owner lists (setting
// forecast.holidays, read by every forecast) and the yearly closures the forecast learns from the
// shop's own daily sales, learned here the same way from the stored daily totals.
import type { DayNumber } from '$core/brand';
import { HOLIDAYS_SETTING, learnHolidaysFromDays, listedHolidays, type MonthDay } from '$core/forecast/holidays';
import { MAX_HISTORY_DAYS } from '$core/forecast/prepare';
import { isoDay } from '$core/time';
import { getRepository } from '$lib/db';

export interface ShopHolidays {
	/** The owner's closed dates, sorted. */
	listed: DayNumber[];
	/** Dates closed every year, learned from the sales. */
	learned: MonthDay[];
}

/** Far enough for every stored day (DayNumber 100,000 is in 2243). */
const LAST_DAY = 100_000 as DayNumber;

export async function loadHolidays(): Promise<ShopHolidays> {
	const repo = getRepository();
	const [setting, days] = await Promise.all([repo.getSetting<unknown>(HOLIDAYS_SETTING), repo.shopDays(0 as DayNumber, LAST_DAY)]);
	return { listed: listedHolidays(setting), learned: learnHolidaysFromDays(days, MAX_HISTORY_DAYS) };
}

/** Stores the owner's closed dates (as YYYY-MM-DD); returns them as stored, sorted and once each. */
export async function saveHolidays(days: readonly DayNumber[]): Promise<DayNumber[]> {
	const listed = listedHolidays(days.map(isoDay));
	await getRepository().putSetting(HOLIDAYS_SETTING, listed.map(isoDay));
	return listed;
}
