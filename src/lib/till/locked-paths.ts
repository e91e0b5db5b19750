// Which screens need which till action: the analytics (what sells, forecasts, what to order, the
// shop's health) and making products. A staff member at the till reaches them with an admin's PIN.
import type { TillAction } from '$core/till/staff';

/** The dashboard is the shop's figures; alerts and health, models, segments, trends and reorder are analytics too. */
export const ANALYTICS_PATHS = ['/', '/trends', '/reorder', '/segments', '/models', '/alerts'] as const;
export const CATALOGUE_PATHS = ['/products/new'] as const;

const under = (path: string, p: string) => (p === '/' ? path === '/' : path === p || path.startsWith(p + '/'));

export function lockedPathAction(path: string): TillAction | null {
	if (ANALYTICS_PATHS.some((p) => under(path, p))) return 'analytics';
	if (CATALOGUE_PATHS.some((p) => under(path, p))) return 'editCatalogue';
	return null;
}
