// Inventory health and alerts for the screens: recomputes them in workers/health.worker.ts (on app
// start, after imports, sales and trainings, debounced so a run of sales costs one recomputation),
// keeps the latest result for the dashboard, the alerts page and the navigation badge, and
// dismisses alerts in the store.
import { wrap } from 'comlink';
import { writable, type Readable } from 'svelte/store';
import { openAlerts, type StoredAlert } from '$core/health/alert-store';
import { nowLocal, today } from '$core/time';
import { getAlertStore } from '$lib/db';
import type { HealthApi, HealthResult, HealthView } from '$workers/health.worker';

export type { HealthView };

export interface HealthState {
	view: HealthView | null;
	/** 'no_sales': nothing to judge yet (an empty or new shop). */
	status: 'idle' | 'running' | 'ready' | 'no_sales' | 'failed';
	error: string;
	/** Alerts not dismissed: the navigation badge. */
	openCount: number;
}

const state = writable<HealthState>({ view: null, status: 'idle', error: '', openCount: 0 });
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
	state.update((s) => ({ ...s, status: 'running' }));
	running = (async () => {
		do {
			again = false;
			const result = await runWorker().catch((e: unknown): HealthResult => ({ ok: false, code: 'failed', message: e instanceof Error ? e.message : String(e) }));
			if (result.ok) state.set({ view: result.view, status: 'ready', error: '', openCount: openAlerts(result.view.alerts).length });
			else if (result.code === 'no_sales') state.set({ view: null, status: 'no_sales', error: '', openCount: 0 });
			else state.update((s) => ({ ...s, status: 'failed', error: result.message }));
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
	await getAlertStore().dismiss(key, at);
	state.update((s) => {
		if (!s.view) return s;
		const alerts: StoredAlert[] = s.view.alerts.map((a) => (a.key === key && a.dismissedAt === null ? { ...a, dismissedAt: at } : a));
		return { ...s, view: { ...s.view, alerts }, openCount: openAlerts(alerts).length };
	});
}
