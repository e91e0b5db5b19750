// Prints a document that is not on the screen as it will be on paper (a purchase order from the
// Reorder page, which shows its drafts as editable tables): the document is mounted straight under
// <body> in a .print-root, which print.css shows alone on paper and never on screen, with its own
// @page rule; both go away once printing is over.
import { flushSync, mount, unmount, type Component } from 'svelte';
import './print.css';

let current: { app: ReturnType<typeof mount>; root: HTMLElement; style: HTMLStyleElement } | null = null;

function clear() {
	if (!current) return;
	void unmount(current.app);
	current.root.remove();
	current.style.remove();
	current = null;
}

/**
 * Mounts the component for printing and opens the print dialog. Cleared on afterprint (some
 * browsers return from print() before printing), or by the next document printed.
 */
export async function printDocument<Props extends Record<string, unknown>>(component: Component<Props>, props: Props, pageRule: string): Promise<void> {
	clear();
	const root = document.body.appendChild(document.createElement('div'));
	root.className = 'print-root';
	const style = document.head.appendChild(document.createElement('style'));
	style.textContent = pageRule;
	current = { app: mount(component, { target: root, props }), root, style };
	flushSync();
	await document.fonts?.ready;
	addEventListener('afterprint', clear, { once: true });
	window.print();
}
