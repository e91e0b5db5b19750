// What a camera read does, set by a form for the search fields inside it: the stock count's
// product search counts one per read (continuous), while a plain search field takes the code as if
// a keyboard scanner had typed it and pressed Enter (single).
import { getContext, setContext } from 'svelte';

export type ScanMode = 'single' | 'continuous';

/** What the page made of a code, shown and signalled in the scanner (continuous mode). */
export interface ScanFeedback {
	tone: 'ok' | 'miss';
	text: string;
}

export interface ScanTarget {
	mode: ScanMode;
	/** The scanner's heading, e.g. "Count with the camera". */
	title: string;
	read: (code: string) => ScanFeedback | void;
}

const KEY = Symbol('scan-target');

/** For the search fields in this component and below it. */
export function provideScanTarget(target: ScanTarget): void {
	setContext(KEY, target);
}

export function scanTargetFromContext(): ScanTarget | undefined {
	return getContext<ScanTarget | undefined>(KEY);
}
