// Inventory health and alerts for the screens: recomputes them in workers/health.worker.ts (on app
// start, after imports, sales and trainings, debounced so a run of sales costs one recomputation),
// keeps the latest result for the dashboard, the alerts page and the navigation badge, and
// dismisses alerts in the store.
//
// The last result is kept in localStorage (its summary: the score, parts, counts, snapshots and the
// top open alerts of each kind, a few kB), so the dashboard's card and KPIs show it the moment the
// app starts, marked stale until the fresh run lands. The layout imports this file: it imports no
// health rules and no Dexie (dismissing loads the store when it is used).
import { wrap } from 'comlink';
import { writable, type Readable } from 'svelte/store';
import { ALERT_KINDS } from '$core/health/alert-kinds';
import type { StoredAlert } from '$core/health/alert-store';
import { summarizeView, type HealthView } from '$core/health/view';
import { nowLocal, today } from '$core/time';
import type { HealthApi, HealthResult } from '$workers/health.worker';

export type { HealthView };

export interface HealthState {
	/** The latest result; while `stale`, the one kept from the last run (its alerts partial: see HealthView.complete). */
	view: HealthView | null;
	/**
	 * 'ready' whenever there is a view to show, kept or fresh; 'running' only while the first
	 * computation runs with nothing to show; 'no_sales': nothing to judge yet (an empty or new shop).
	 */
	status: 'idle' | 'running' | 'ready' | 'no_sales' | 'failed';
	/** The view is the one kept from an earlier run, or a recomputation is under way: fresh numbers are coming. */
	stale: boolean;
	error: string;
	/** Alerts not dismissed: the navigation badge. */
	openCount: number;
}

/** localStorage key of the kept view; the version changes when HealthView does, so an old one is ignored. */
export const KEPT_VIEW_KEY = 'inventario.health';
const KEPT_VIEW_VERSION = 2;

const countOpen = (view: HealthView) => ALERT_KINDS.reduce((n, k) => n + (view.openByKind[k] ?? 0), 0);

function readKeptView(): HealthView | null {
	try {
		const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEPT_VIEW_KEY);
		if (!raw) return null;
		const kept = JSON.parse(raw) as { version?: number; view?: HealthView };
		return kept.version === KEPT_VIEW_VERSION && kept.view && kept.view.counts && kept.view.openByKind ? kept.view : null;
	} catch {
		return null;
	}
}

function keepView(view: HealthView | null): void {
	try {
		if (view) localStorage.setItem(KEPT_VIEW_KEY, JSON.stringify({ version: KEPT_VIEW_VERSION, view: summarizeView(view) }));
		else localStorage.removeItem(KEPT_VIEW_KEY);
	} catch (e) {
		// A full or blocked storage only costs the instant start; the fresh result is still shown.
		console.warn('the health summary could not be kept', e);
	}
}

const kept = readKeptView();
const state = writable<HealthState>(
	kept ? { view: kept, status: 'ready', stale: true, error: '', openCount: countOpen(kept) } : { view: null, status: 'idle', stale: false, error: '', openCount: 0 }
);
export const health: Readable<HealthState> = { subscribe: state.subscribe };

/** A sale waits this long for the next one before recomputing. */
export const RECOMPUTE_DELAY_MS = 2000;

let running: Promise<void> | null = null;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;

async function runWorker(): Promise<HealthResult> {
	const worker = new Worker(new URL('../../../workers/health.worker.ts', import.meta.url), { type: 'module' });
	// A worker script that cannot load never answers Comlink: fail instead of waiting forever.
	const notStarted = new Promise<HealthResult>((resolve) =>
		worker.addEventListener('error', (e) => resolve({ ok: false, code: 'failed', message: e.message || 'the health worker could not start' }), { once: true })
	);
	try {
		return await Promise.race([wrap<HealthApi>(worker).recompute(today(), nowLocal()), notStarted]);
	} finally {
		worker.terminate();
	}
}

/** Recomputes now; a call while one runs makes one more run after it (the data changed meanwhile). */
export function recomputeHealth(): Promise<void> {
	// A recomputation now reads everything a scheduled one would have: that one is no longer needed.
	clearTimeout(timer);
	if (running) {
		again = true;
		return running;
	}
	state.update((s) => ({ ...s, status: s.view ? 'ready' : 'running', stale: s.view !== null }));
	running = (async () => {
		do {
			again = false;
			const result = await runWorker().catch((e: unknown): HealthResult => ({ ok: false, code: 'failed', message: e instanceof Error ? e.message : String(e) }));
			if (result.ok) {
				state.set({ view: result.view, status: 'ready', stale: again, error: '', openCount: countOpen(result.view) });
				keepView(result.view);
			} else if (result.code === 'no_sales') {
				state.set({ view: null, status: 'no_sales', stale: false, error: '', openCount: 0 });
				keepView(null);
			} else state.update((s) => ({ ...s, status: 'failed', error: result.message }));
		} while (again);
		running = null;
	})();
	return running;
}

/** Recomputes once things settle (after a sale, an import, a training). */
export function scheduleHealthRecompute(delay = RECOMPUTE_DELAY_MS): void {
	clearTimeout(timer);
	timer = setTimeout(() => void recomputeHealth(), delay);
}

/** Dismisses an alert: it stays dismissed until its condition clears and comes back. */
export async function dismissAlert(key: string): Promise<void> {
	const at = nowLocal();
	const { getAlertStore } = await import('$lib/db');
	await getAlertStore().dismiss(key, at);
	let changed: HealthView | null = null;
	state.update((s) => {
		const was = s.view?.alerts.find((a) => a.key === key && a.dismissedAt === null);
		if (!s.view || !was) return s;
		const alerts: StoredAlert[] = s.view.alerts.map((a) => (a === was ? { ...a, dismissedAt: at } : a));
		const view: HealthView = { ...s.view, alerts, openByKind: { ...s.view.openByKind, [was.kind]: Math.max(0, s.view.openByKind[was.kind] - 1) } };
		changed = view;
		return { ...s, view, openCount: countOpen(view) };
	});
	if (changed) keepView(changed);
}
