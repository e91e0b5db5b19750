// Small wording helpers for the import screens.
import { i18n } from '$lib/i18n/i18n.svelte';

export const rowsPerSecond = (rows: number, elapsedMs: number) => (elapsedMs > 0 ? (rows * 1000) / elapsedMs : 0);

/** "1 min 05 s", "12 s", "0,4 s". */
export function duration(ms: number): string {
	const s = ms / 1000;
	if (s < 10) return `${i18n.number(Math.round(s * 10) / 10)} s`;
	if (s < 60) return `${Math.round(s)} s`;
	const m = Math.floor(s / 60);
	return `${m} min ${String(Math.round(s - m * 60)).padStart(2, '0')} s`;
}
