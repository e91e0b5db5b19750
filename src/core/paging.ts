// Long lists shown a page at a time.

export interface PageSlice<T> {
	rows: T[];
	/** 1-based, clamped into range. */
	page: number;
	pages: number;
	total: number;
	/** 1-based positions of the first and last row shown (0 and 0 when empty). */
	first: number;
	last: number;
}

export function pageOf<T>(items: readonly T[], page: number, size: number): PageSlice<T> {
	const total = items.length;
	const pages = Math.max(1, Math.ceil(total / size));
	const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
	const start = (current - 1) * size;
	const rows = items.slice(start, start + size);
	return { rows, page: current, pages, total, first: rows.length ? start + 1 : 0, last: start + rows.length };
}
