// The state of one data action (export, backup, restore) on the page: running, progress, the
// outcome in the person's language. Outcomes are functions so they follow a language switch.
import { t } from '$lib/i18n/i18n.svelte';

/** The service's errors are already in the person's language; anything else is unexpected. */
export const errorText = (e: unknown) => (e instanceof Error && e.name === 'DataError' ? e.message : t('error.generic', { message: String(e) }));

export class Work {
	running = $state(false);
	/** null until the worker reports, so the bar shows activity without a false 0 %. */
	ratio = $state<number | null>(null);
	done = $state<(() => string) | null>(null);
	error = $state('');

	progress = (done: number, total: number) => {
		this.ratio = total > 0 ? Math.min(1, done / total) : null;
	};

	/** Runs action unless one is running; returns its result, or undefined when it failed. */
	async run<T>(action: (progress: (done: number, total: number) => void) => Promise<T>, doneText: (result: T) => string): Promise<T | undefined> {
		if (this.running) return undefined;
		this.running = true;
		this.ratio = null;
		this.done = null;
		this.error = '';
		try {
			const result = await action(this.progress);
			this.done = () => doneText(result);
			return result;
		} catch (e) {
			this.error = errorText(e);
			return undefined;
		} finally {
			this.running = false;
		}
	}
}
