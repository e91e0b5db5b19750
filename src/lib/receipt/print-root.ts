// The receipt that printing puts on paper: a Receipt mounted straight under <body>, laid out off
// screen, which the Receipt's print stylesheet shows alone. A page that shows a ticket holds it
// there, so the browser's own Print prints the receipt too; printing another ticket (the till
// after charging) shows that one for the print and then puts back what was held.
import { flushSync, mount, unmount } from 'svelte';
import { PAPER_LAYOUTS } from '$core/receipt/receipt-pdf';
import type { ReceiptPaper } from '$core/till/settings';
import type { Ticket } from '$core/till/ticket';
import Receipt from '$lib/components/receipt/Receipt.svelte';

interface Shown { ticket: Ticket; paper: ReceiptPaper }

const MM_PER_PX = 25.4 / 96;
/** Room for the printer's rounding so a roll never spills onto a second page. */
const ROLL_SLACK_MM = 4;

let held: Shown | null = null;
let root: HTMLElement | null = null;
let app: ReturnType<typeof mount> | null = null;
let pageStyle: HTMLStyleElement | null = null;
let observer: ResizeObserver | null = null;

/** The @page rule: A4 sheets, or a roll's width and exactly the receipt's length. */
export function pageRule(paper: ReceiptPaper, receiptHeightPx: number): string {
	const p = PAPER_LAYOUTS[paper];
	if (p.heightMm !== null) return `@page { size: ${p.widthMm}mm ${p.heightMm}mm; margin: ${p.marginMm}mm; }`;
	const length = Math.ceil(receiptHeightPx * MM_PER_PX + 2 * p.marginMm + ROLL_SLACK_MM);
	return `@page { size: ${p.widthMm}mm ${length}mm; margin: ${p.marginMm}mm; }`;
}

function show(what: Shown | null) {
	observer?.disconnect();
	observer = null;
	if (app) { void unmount(app); app = null; }
	if (!what) {
		root?.remove();
		pageStyle?.remove();
		root = pageStyle = null;
		return;
	}
	if (!root) {
		root = document.createElement('div');
		root.className = 'receipt-print-root';
		document.body.appendChild(root);
	}
	app = mount(Receipt, { target: root, props: { ticket: what.ticket, paper: what.paper } });
	flushSync();
	pageStyle ??= document.head.appendChild(document.createElement('style'));
	const target = root;
	const style = pageStyle;
	const size = () => { style.textContent = pageRule(what.paper, target.offsetHeight); };
	size();
	observer = new ResizeObserver(size);
	observer.observe(target);
}

/** While a page shows this ticket, printing prints it. Returns the release to call on leaving. */
export function holdForPrint(ticket: Ticket, paper: ReceiptPaper): () => void {
	const mine: Shown = { ticket, paper };
	held = mine;
	show(mine);
	return () => {
		if (held !== mine) return;
		held = null;
		show(null);
	};
}

/** Prints a ticket now, then puts back what the page holds (some browsers return from print() before printing: afterprint). */
export async function printNow(ticket: Ticket, paper: ReceiptPaper): Promise<void> {
	show({ ticket, paper });
	await document.fonts?.ready;
	addEventListener('afterprint', () => show(held), { once: true });
	window.print();
}
