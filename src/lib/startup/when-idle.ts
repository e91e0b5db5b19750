// Start-up work that the first screen does not need (the update prompt, background checks) runs once
// the page is loaded and the main thread is idle, so it never competes with the first paint.

/** Calls `work` after the load event, in an idle moment (at most `timeoutMs` later); returns a cancel. */
export function whenIdle(work: () => void, timeoutMs = 3000): () => void {
	let cancelled = false;
	let idleHandle: number | undefined;
	const schedule = () => {
		if (cancelled) return;
		if (typeof requestIdleCallback === 'function') idleHandle = requestIdleCallback(() => !cancelled && work(), { timeout: timeoutMs });
		else idleHandle = window.setTimeout(() => !cancelled && work(), 200);
	};
	if (document.readyState === 'complete') schedule();
	else addEventListener('load', schedule, { once: true });
	return () => {
		cancelled = true;
		removeEventListener('load', schedule);
		if (idleHandle !== undefined) (typeof cancelIdleCallback === 'function' ? cancelIdleCallback(idleHandle) : clearTimeout(idleHandle));
	};
}
