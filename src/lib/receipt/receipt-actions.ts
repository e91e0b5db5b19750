// What the till and the ticket page do with a receipt: print it on the shop's paper, or share it
// as a PDF where the device can share files (a phone or tablet's share sheet), else download it.
// The receipt and PDF code load on first use, so the till's first load stays small.
import { RECEIPT_PAPERS, TILL_SETTINGS_KEY, tillSettingsOf, type ReceiptPaper, type TillSettings } from '$core/till/settings';
import type { Ticket } from '$core/till/ticket';
import { getRepository } from '$lib/db';
import { t } from '$lib/i18n/i18n.svelte';
import { appReceiptFormat } from './receipt-format';

export type ShareOutcome = 'shared' | 'downloaded' | 'cancelled';

/** The paper the shop prints receipts on (Settings), 80 mm unless it chose another. */
export async function receiptPaperSetting(): Promise<ReceiptPaper> {
	const paper = tillSettingsOf(await getRepository().getSetting<Partial<TillSettings>>(TILL_SETTINGS_KEY)).receiptPaper;
	return RECEIPT_PAPERS.includes(paper) ? paper : '80mm';
}

export async function printReceipt(ticket: Ticket, paper?: ReceiptPaper): Promise<void> {
	const [chosen, { printNow }] = await Promise.all([paper ?? receiptPaperSetting(), import('./print-root')]);
	await printNow(ticket, chosen);
}

export const receiptFileName = (ticket: Pick<Ticket, 'invoice'>) => t('receipt.fileName', { invoice: ticket.invoice.replace(/[^\w.-]+/g, '_') });

/** The receipt as a PDF file, in the app's language, on the given paper. */
export async function receiptPdfFile(ticket: Ticket, paper: ReceiptPaper): Promise<File> {
	const [{ receiptPdf }, { receiptSections }] = await Promise.all([import('$core/receipt/receipt-pdf'), import('$core/receipt/receipt-rows')]);
	const bytes = receiptPdf(receiptSections(ticket, appReceiptFormat()), paper, { title: t('receipt.pdfTitle', { invoice: ticket.invoice }), producer: t('app.name') });
	return new File([bytes as BlobPart], receiptFileName(ticket), { type: 'application/pdf' });
}

/** Whether this device can hand files to another app (the share sheet): the button says Share, else Download. */
export function canShareFiles(): boolean {
	try {
		return typeof navigator.canShare === 'function' && navigator.canShare({ files: [new File([''], 'receipt.pdf', { type: 'application/pdf' })] });
	} catch {
		return false;
	}
}

function download(file: File) {
	const url = URL.createObjectURL(file);
	const link = document.createElement('a');
	link.href = url;
	link.download = file.name;
	link.style.display = 'none';
	document.body.appendChild(link);
	link.click();
	link.remove();
	// The download has started by then; the URL is only needed until it has.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function shareOrDownloadReceipt(ticket: Ticket, paper?: ReceiptPaper): Promise<ShareOutcome> {
	const file = await receiptPdfFile(ticket, paper ?? (await receiptPaperSetting()));
	if (canShareFiles() && navigator.canShare({ files: [file] })) {
		try {
			await navigator.share({ files: [file], title: file.name, text: t('receipt.shareText', { invoice: ticket.invoice, shop: ticket.shop.name || t('app.name') }) });
			return 'shared';
		} catch (e) {
			// Closing the share sheet is a choice, not a failure; a refused share (no user gesture left) downloads.
			if (e instanceof DOMException && e.name === 'AbortError') return 'cancelled';
		}
	}
	download(file);
	return 'downloaded';
}
