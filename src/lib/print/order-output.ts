// A purchase order leaving the shop: as a PDF and a CSV file in the app's language and number
// format, and as the e-mail that carries it. Sending shares the files where the device can hand
// files to another app (the share sheet of a tablet or phone); elsewhere it downloads the PDF and
// opens the person's mail program addressed to the supplier, and says to attach the file: a
// mailto: link cannot attach anything.
import { dayOf } from '$core/time';
import { purchaseOrderCsv } from '$core/purchase-orders/order-csv';
import { orderFileName, type OrderDocument } from '$core/purchase-orders/order-document';
import { orderMailto } from '$core/purchase-orders/order-mail';
import { orderPdf, type PdfHeaderLine } from '$core/purchase-orders/order-pdf';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import { defaultCsvOptions, download } from '$lib/services/export.service';
import { units } from '$lib/components/reorder/format';

export const orderDate = (doc: Pick<OrderDocument, 'date'>) => i18n.day(dayOf(doc.date));

/** The shop's lines of the header: name, address, tax id (each only when set). */
export function shopLines(doc: OrderDocument): string[] {
	return [doc.shop.name || t('print.order.noShop'), doc.shop.address, doc.shop.taxId && t('print.taxId', { taxId: doc.shop.taxId })].filter(Boolean);
}

/** The supplier's lines: name, then contact, e-mail and phone when known. */
export function supplierLines(doc: OrderDocument): string[] {
	const s = doc.supplier;
	if (!s) return [t('print.order.noSupplier')];
	return [s.name, s.contact && t('print.order.contact', { contact: s.contact }), s.email && t('print.order.email', { email: s.email }), s.phone && t('print.order.phone', { phone: s.phone })].filter(Boolean);
}

export function orderPdfFile(doc: OrderDocument): File {
	const shop = shopLines(doc);
	const supplier = supplierLines(doc);
	// Who orders from whom, once: the shop's details, then the supplier's contact.
	const firstPage: PdfHeaderLine[] = [
		{ left: t('print.order.shop'), bold: true }, ...shop.map((left) => ({ left })), { left: '' },
		{ left: t('print.order.supplier'), bold: true }, ...supplier.map((left) => ({ left }))
	];
	const bytes = orderPdf({
		title: t('print.order.label', { number: doc.number, supplier: doc.supplier?.name ?? t('print.order.noSupplier') }),
		producer: t('app.name'),
		pageHeader: (page, pages) => [
			{ left: shop[0], right: t('print.order.title'), bold: true },
			{ left: doc.supplier?.name ?? t('print.order.noSupplier'), right: t('print.order.number', { number: doc.number }) },
			{ left: t('print.order.date', { date: orderDate(doc) }), right: t('print.page', { page, pages }) }
		],
		firstPage,
		columns: [t('print.order.col.sku'), t('print.order.col.product'), t('print.order.col.quantity'), t('print.order.col.unitCost'), t('print.order.col.lineTotal')],
		rows: doc.lines.map((l) => [l.sku, l.name, units(l.quantity), i18n.money(l.unitCost), i18n.money(l.lineTotal)] as const),
		totals: [
			{ left: t('print.order.lines', { lines: i18n.number(doc.lines.length) }), right: t('print.order.units', { units: units(doc.totalUnits) }) },
			{ left: t('print.order.total'), right: i18n.money(doc.total), bold: true },
			...(doc.expectedDay === null ? [] : [{ left: t('print.order.expected', { date: i18n.day(doc.expectedDay) }) }]),
			...(doc.note ? [{ left: t('print.order.note', { note: doc.note }) }] : [])
		]
	});
	return new File([bytes as BlobPart], orderFileName(doc.number, 'pdf'), { type: 'application/pdf' });
}

export const orderCsvFile = (doc: OrderDocument): File =>
	new File([purchaseOrderCsv(doc, defaultCsvOptions())], orderFileName(doc.number, 'csv'), { type: 'text/csv;charset=utf-8' });

const mailLine = (l: OrderDocument['lines'][number]) => t(l.sku ? 'print.mail.line' : 'print.mail.lineNoSku', {
	quantity: units(l.quantity), name: l.name, sku: l.sku, unitCost: i18n.money(l.unitCost), lineTotal: i18n.money(l.lineTotal)
});

/** The mailto: link to the supplier: subject, every line that fits, the total, and which file to attach. */
export function orderMailHref(doc: OrderDocument, to: string, attachment: string): string {
	const shop = doc.shop.name || t('app.name');
	return orderMailto({
		to,
		subject: t('print.mail.subject', { number: doc.number, shop }),
		opening: [doc.supplier?.contact ? t('print.mail.greeting', { contact: doc.supplier.contact }) : t('print.mail.greetingNoName'), '', t('print.mail.intro', { number: doc.number, date: orderDate(doc) }), ''],
		lines: doc.lines.map(mailLine),
		closing: ['', t('print.mail.total', { total: i18n.money(doc.total), units: units(doc.totalUnits) }), '', t('print.mail.attached', { file: attachment }), '', t('print.mail.thanks'), shop],
		more: (count) => t('print.mail.more', { count: i18n.number(count) })
	}).href;
}

export type SendOutcome =
	/** The share sheet took the files (the person chose where they went). */
	| { kind: 'shared'; files: string[] }
	/** The PDF was downloaded and the mail program opened with this link. */
	| { kind: 'mailed'; href: string; file: string }
	/** The person closed the share sheet: nothing left the device. */
	| { kind: 'cancelled' };

function canShare(files: File[]): boolean {
	try {
		return typeof navigator.canShare === 'function' && navigator.canShare({ files });
	} catch {
		return false;
	}
}

/** Opens the mail program (a mailto: link the browser hands over; the page stays). */
function openMail(href: string) {
	const link = document.createElement('a');
	link.href = href;
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
}

/**
 * Sends the order to `email`: shares the PDF and the CSV where the device can, else downloads the
 * PDF and opens a mail addressed to the supplier. Must start from the person's tap (the share
 * sheet and the mail program both need it).
 */
export async function sendOrder(doc: OrderDocument, email: string): Promise<SendOutcome> {
	const pdf = orderPdfFile(doc);
	const both = [pdf, orderCsvFile(doc)];
	const files = canShare(both) ? both : canShare([pdf]) ? [pdf] : null;
	if (files) {
		try {
			await navigator.share({
				files, title: t('print.mail.subject', { number: doc.number, shop: doc.shop.name || t('app.name') }),
				text: t('print.share.text', { number: doc.number, supplier: doc.supplier?.name ?? '', email })
			});
			return { kind: 'shared', files: files.map((f) => f.name) };
		} catch (e) {
			// Closing the share sheet is a choice; any other refusal (no tap left to use) falls back to mail.
			if (e instanceof DOMException && e.name === 'AbortError') return { kind: 'cancelled' };
		}
	}
	download(pdf, pdf.name);
	const href = orderMailHref(doc, email, pdf.name);
	openMail(href);
	return { kind: 'mailed', href, file: pdf.name };
}
