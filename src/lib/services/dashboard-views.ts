// The last few dashboard views, kept in localStorage with the store stamp they were made from
// (dexie-dashboard.ts dashboardStamp). While the store's stamp is the same, a kept view is the
// view: the dashboard paints it at once after a navigation instead of waiting for the worker to
// read a large history again. A different stamp (any write of sales, stock or catalogue, a new
// forecast, new segments) or another day makes it useless, and it is never shown.
import type { DayNumber } from '$core/brand';
import type { DashboardQuery, DashboardView } from '$core/dashboard/view';

const KEY = 'inventario.dashboard.views';
const KEPT = 3;

interface KeptView { key: string; stamp: string; view: DashboardView }

/** code: the build that made the view, so an app update never shows a view the old code made. */
export const viewKey = (q: DashboardQuery, today: DayNumber, code: string) => JSON.stringify([q.from, q.to, q.category, q.supplierId, today, code]);

function kept(): KeptView[] {
	try {
		const value = JSON.parse(localStorage.getItem(KEY) ?? '[]');
		return Array.isArray(value) ? value.filter((v) => v && typeof v.key === 'string' && typeof v.stamp === 'string' && v.view) : [];
	} catch {
		return [];
	}
}

/** The kept view of the query made from a store with this stamp, if any (marked as answered from the copy). */
export function keptView(key: string, stamp: string): DashboardView | null {
	const hit = kept().find((v) => v.key === key && v.stamp === stamp);
	return hit ? { ...hit.view, millis: { read: 0, prepare: 0, compute: 0, kept: true } } : null;
}

/** Whether any view of the query is kept (then the store's stamp is worth reading before asking the worker). */
export const hasKeptView = (key: string) => kept().some((v) => v.key === key);

export function keepView(key: string, stamp: string, view: DashboardView) {
	try {
		const rest = kept().filter((v) => v.key !== key && v.stamp === stamp);
		localStorage.setItem(KEY, JSON.stringify([{ key, stamp, view }, ...rest].slice(0, KEPT)));
	} catch {
		// Storage full or unavailable: the dashboard only paints a little later.
	}
}
