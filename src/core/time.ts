// Shop-local time helpers (see LocalTimestamp in brand.ts).
import type { DayNumber, LocalTimestamp } from './brand';

export const MS_PER_DAY = 86_400_000;

export const dayOf = (t: LocalTimestamp): DayNumber => Math.floor(t / MS_PER_DAY) as DayNumber;
export const startOfDay = (d: DayNumber): LocalTimestamp => (d * MS_PER_DAY) as LocalTimestamp;

/** The wall clock of a JS Date (in the runtime's zone) as a LocalTimestamp. */
export function localTimestampFromDate(d: Date): LocalTimestamp {
	return Date.UTC(
		d.getFullYear(), d.getMonth(), d.getDate(),
		d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()
	) as LocalTimestamp;
}

export const nowLocal = (): LocalTimestamp => localTimestampFromDate(new Date());
export const today = (): DayNumber => dayOf(nowLocal());

/** 'YYYY-MM-DD' for a day number. */
export function isoDay(d: DayNumber): string {
	return new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DDTHH:mm:ss' for a local timestamp. */
export function isoLocal(t: LocalTimestamp): string {
	return new Date(t).toISOString().slice(0, 19);
}

/** Parses 'YYYY-MM-DD' strictly (rejects 2021-02-30); null when invalid. */
export function parseIsoDay(s: string): DayNumber | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const ms = Date.UTC(y, mo - 1, d);
	const back = new Date(ms);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
	return (ms / MS_PER_DAY) as DayNumber;
}

/** Parses 'YYYY-MM-DDTHH:mm[:ss]' or 'YYYY-MM-DD HH:mm[:ss]' strictly; null when invalid. */
export function parseIsoLocal(s: string): LocalTimestamp | null {
	const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s.trim());
	if (!m) return null;
	const day = parseIsoDay(m[1]);
	if (day === null) return null;
	const h = Number(m[2] ?? 0), mi = Number(m[3] ?? 0), se = Number(m[4] ?? 0);
	if (h > 23 || mi > 59 || se > 59) return null;
	return (day * MS_PER_DAY + ((h * 60 + mi) * 60 + se) * 1000) as LocalTimestamp;
}

/** First day of the month containing d. */
export function monthStart(d: DayNumber): DayNumber {
	const date = new Date(d * MS_PER_DAY);
	return (Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / MS_PER_DAY) as DayNumber;
}
