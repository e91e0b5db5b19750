// Storage sizes as a person reads them: "350 MB", "1.2 GB".
export type ByteUnit = 'KB' | 'MB' | 'GB' | 'TB';

export interface ByteSize { amount: number; unit: ByteUnit }

const UNITS: ByteUnit[] = ['KB', 'MB', 'GB', 'TB'];

/** The largest unit (1024-based) that keeps the amount at 1 or more; one decimal below 10. */
export function byteSize(bytes: number): ByteSize {
	let amount = Math.max(0, bytes) / 1024;
	let u = 0;
	while (amount >= 1024 && u < UNITS.length - 1) {
		amount /= 1024;
		u++;
	}
	const rounded = amount < 10 ? Math.round(amount * 10) / 10 : Math.round(amount);
	return { amount: rounded, unit: UNITS[u] };
}
