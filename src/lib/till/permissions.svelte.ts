// One answer to "may this tablet do that now?", combining the two layers: the server's role for a
// paired tablet (sync-status: a staff account never sees analytics) and the till's PIN members
// (session: a staff member needs an admin's PIN). The stricter wins.
import type { TillAction } from '$core/till/staff';
import { sync } from '$lib/services/sync.svelte';
import { isAdminOnlyPath, serverAllows } from '$lib/sync/sync-status';
import { till } from './session.svelte';
import { lockedPathAction } from './locked-paths';

/** Allowed by both the server's role and the till (reactive: read it in a template or $derived). */
export const allows = (action: TillAction): boolean => serverAllows(sync.status.pairing, action) && till.can(action);

/** Why this tablet cannot do it: the server's role (no PIN helps), the till (an admin's PIN unlocks), or null when it can. */
export function lockedBy(action: TillAction): 'server' | 'till' | null {
	if (!serverAllows(sync.status.pairing, action)) return 'server';
	return till.can(action) ? null : 'till';
}

/**
 * The lock over a screen, by its path, or null when it is open. The server keeps its own list of
 * admin screens (a staff account still sees the dashboard, without forecasts); the till locks its
 * list (locked-paths.ts) for a staff member until an admin's PIN opens it.
 */
export function pathLock(path: string): { action: TillAction; by: 'server' | 'till' } | null {
	if (isAdminOnlyPath(path) && !serverAllows(sync.status.pairing, 'analytics')) return { action: 'analytics', by: 'server' };
	const action = lockedPathAction(path);
	return action && !till.can(action) ? { action, by: 'till' } : null;
}
