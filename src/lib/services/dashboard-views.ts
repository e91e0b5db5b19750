// The last few dashboard views, kept in localStorage with the store stamp they were made from
// (dexie-dashboard.ts dashboardStamp). While the store's stamp is the same, a kept view is the
// view: the dashboard paints it at once after a navigation instead of waiting for the worker to
// read a large history again. A different stamp (any write of sales, stock or catalogue, a new
// forecast, new segments), another day or another build makes it useless, and it is never shown.
// A small index names the kept views, so a lookup reads a few hundred bytes, not the views.
import type { DayNumber } from '$core/brand';
import type { DashboardQuery, DashboardView } from '$core/dashboard/view';

const INDEX = 'inventario.dashboard.views';
const VIEW = (slot: number) => `inventario.dashboard.view.${slot}`;
/** "Today", and the last day with sales it shows before the first sale of the morning. */
const KEPT = 2;

interface Entry { key: string; stamp: string; slot: number }

/** code: the build that made the view, so an app update never shows a view the old code made. */
export const viewKey = (q: DashboardQuery, today: DayNumber, code: string) => JSON.stringify([q.from, q.to, q.category, q.supplierId, today, code]);

function entries(): Entry[] {
	try {
		const value = JSON.parse(localStorage.getItem(INDEX) ?? '[]');
		return Array.isArray(value) ? value.filter((e) => e && typeof e.key === 'string' && typeof e.stamp === 'string' && Number.isInteger(e.slot)) : [];
	} catch {
		return [];
	}
}

/** Whether any view of the query is kept (then the store's stamp is worth reading before asking the worker). */
export const hasKeptView = (key: string) => entries().some((e) => e.key === key);

/** The kept view of the query made from a store with this stamp, if any (marked as answered from the copy). */
export function keptView(key: string, stamp: string): DashboardView | null {
	const entry = entries().find((e) => e.key === key && e.stamp === stamp);
	if (!entry) return null;
	try {
		const view = JSON.parse(localStorage.getItem(VIEW(entry.slot)) ?? 'null') as DashboardView | null;
		return view ? { ...view, millis: { read: 0, prepare: 0, compute: 0, kept: true } } : null;
	} catch {
		return null;
	}
}

export function keepView(key: string, stamp: string, view: DashboardView) {
	try {
		// Views of another stamp are useless now; the oldest of this stamp's gives its slot.
		const rest = entries().filter((e) => e.key !== key && e.stamp === stamp).slice(0, KEPT - 1);
		const used = new Set(rest.map((e) => e.slot));
		const slot = [...Array(KEPT).keys()].find((s) => !used.has(s))!;
		localStorage.setItem(VIEW(slot), JSON.stringify(view));
		localStorage.setItem(INDEX, JSON.stringify([{ key, stamp, slot }, ...rest]));
	} catch {
		// Storage full or unavailable: the dashboard only paints a little later.
	}
}
