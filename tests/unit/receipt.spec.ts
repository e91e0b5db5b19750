import { describe, expect, it } from 'vitest';
import type { Cents, CustomerId, LocalTimestamp, ProductId, SaleId } from '$core/brand';
import { MemoryRepository } from '$core/memory-repository';
import { code128 } from '$core/receipt/code128';
import { pdfDocument, pdfString, winAnsiBytes } from '$core/receipt/pdf';
import { PAPER_LAYOUTS, receiptPages, receiptPdf } from '$core/receipt/receipt-pdf';
import { receiptSections, ticketKind, type ReceiptFormat, type ReceiptSection } from '$core/receipt/receipt-rows';
import { columnsLine, layoutRows, pairLines, wrap } from '$core/receipt/receipt-text';
import type { TillDraft, TillLine } from '$core/till/checkout';
import { chargeTicket } from '$core/till/record';
import { tillSettingsOf } from '$core/till/settings';
import type { Ticket } from '$core/till/ticket';
import { en, es } from '$lib/i18n/messages/receipt';

const formatOf = (words: Record<string, string>, locale: string): ReceiptFormat => ({
	t: (key, vars) => Object.entries(vars ?? {}).reduce((text, [k, v]) => text.replaceAll(`{${k}}`, String(v)), words[key] ?? key),
	money: (c) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(c / 100),
	number: (n) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n),
	dateTime: (at) => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'short', timeStyle: 'short' }).format(new Date(at))
});
const esFormat = formatOf(es, 'es-ES');

const settings = tillSettingsOf({ shopName: 'Boutique Luna', address: 'Calle Mayor 1\n28013 Madrid', taxId: 'B12345678', receiptFooter: 'Gracias por su visita\nCambios en 30 días' });
const shirt = { id: 'p-shirt' as ProductId, sku: 'CAM-M-NEGRO', name: 'Camiseta básica', taxRate: 21, optionValues: [{ name: 'Talla', value: 'M' }, { name: 'Color', value: 'Negro' }] };
const book = { id: 'p-book' as ProductId, sku: 'LIB-1', name: 'Libro de cuentos', taxRate: 4 };
const line = (product: TillLine['product'], quantity: number, unitPrice: number, extra: Partial<TillLine> = {}): TillLine => ({ product, quantity, unitPrice: unitPrice as Cents, discount: null, ...extra });
const draft = (lines: TillLine[], extra: Partial<TillDraft> = {}): TillDraft => ({
	saleId: 'sale-1' as SaleId, at: Date.UTC(2026, 2, 12, 10, 42) as LocalTimestamp, deviceId: 'dev-1', lines, ticketDiscount: null,
	tenders: [{ method: 'cash', amount: 5000 }], customer: { id: 'c-1' as CustomerId, code: 'C-001', name: 'María López' }, cashier: 'Ana',
	approvedBy: '', returnOf: '', returnReason: '', shiftId: null, ...extra
});

async function charged(input: TillDraft, repo = new MemoryRepository()): Promise<Ticket> {
	const result = await chargeTicket(repo, input, settings, 'AB12CD34');
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.ticket;
}

const saleTicket = () => charged(draft([
	line(shirt, 2, 1250, { discount: { kind: 'percent', value: 10, reason: 'tara' } }),
	line(book, 1, 1500)
], { ticketDiscount: { kind: 'amount', value: 200, reason: 'cliente habitual' } }));

const rowsOf = (sections: ReceiptSection[], name: string) => sections.find((s) => s.name === name)?.rows ?? [];
/** Each row as one line of text; Intl's no-break spaces read as spaces. */
const texts = (sections: ReceiptSection[], name: string) => rowsOf(sections, name).map((r) =>
	(r.kind === 'pair' ? `${r.left} | ${r.right}` : r.kind === 'columns' ? r.cells.join(' | ') : r.kind === 'rule' ? '---' : r.kind === 'gap' ? '' : r.kind === 'barcode' ? `[${r.value}]` : r.text).replace(/\u00a0/g, ' '));
const money = (c: number) => esFormat.money(c).replace(/\u00a0/g, ' ');

describe('receipt content', () => {
	it('a sale: shop, ticket, lines with options and discounts, tax per rate, cash tendered and change', async () => {
		const ticket = await saleTicket();
		const s = receiptSections(ticket, esFormat);
		expect(texts(s, 'shop')).toEqual(['Boutique Luna', 'Calle Mayor 1', '28013 Madrid', 'NIF: B12345678']);
		expect(texts(s, 'ticket')).toEqual(['---', 'Factura simplificada', 'Ticket | AB12CD34-000001', 'Fecha | 12/3/26, 10:42', 'Le atendió | Ana', 'Cliente | C-001 · María López']);
		// Two rates on the ticket: each line says its rate.
		expect(texts(s, 'lines')).toEqual([
			'---', 'Camiseta básica', 'Talla=M; Color=Negro', '2 × 12,50 € · 21 % | 25,00 €', 'Descuento 10 % · tara | -2,50 €',
			'Libro de cuentos', '1 × 15,00 € · 4 % | 15,00 €'
		]);
		// 22.50 + 15.00 = 37.50, less 2.00 on the ticket = 35.50.
		expect(ticket.total).toBe(3550);
		expect(texts(s, 'totals')).toEqual(['---', 'Subtotal | 37,50 €', 'Descuento en el ticket · cliente habitual | -2,00 €', 'TOTAL | 35,50 €', 'Ha ahorrado | 4,50 €']);
		const [r21, r4] = ticket.taxes;
		expect(texts(s, 'taxes')).toEqual([
			'',
			'IVA | Base | Cuota',
			`21 % | ${money(r21.base)} | ${money(r21.tax)}`,
			`4 % | ${money(r4.base)} | ${money(r4.tax)}`,
			`Total | ${money(ticket.base)} | ${money(ticket.tax)}`,
			'IVA incluido en los precios'
		]);
		expect(r21.base + r21.tax + r4.base + r4.tax).toBe(3550);
		expect(texts(s, 'payments')).toEqual(['---', 'Pagado con', 'Efectivo entregado | 50,00 €', 'Cambio | 14,50 €']);
		expect(texts(s, 'footer')).toEqual(['---', 'Gracias por su visita', 'Cambios en 30 días']);
		expect(texts(s, 'barcode')).toEqual(['[AB12CD34-000001]', 'AB12CD34-000001']);
	});

	it('a return: marked lines, the original ticket, the refund and how it was paid back; in English', async () => {
		const repo = new MemoryRepository();
		const original = await charged(draft([line(shirt, 2, 1250), line(book, 1, 1500)], { tenders: [{ method: 'card', amount: 4000 }] }), repo);
		const refund = await charged(draft([line(shirt, -1, 1250, { returnOfLine: 0 }), line(book, -1, 1500, { returnOfLine: 1, restock: false })], {
			saleId: 'sale-2' as SaleId, returnOf: original.invoice, tenders: [{ method: 'card', amount: 2750 }], customer: null
		}), repo);
		expect(ticketKind(refund)).toBe('return');
		const s = receiptSections(refund, formatOf(en, 'en-GB'));
		expect(texts(s, 'ticket')).toContain('Return');
		expect(texts(s, 'ticket')).toContain(`Return of ticket ${original.invoice}`);
		expect(texts(s, 'lines')).toEqual(expect.arrayContaining(['-1 × €12.50 · 21% | -€12.50', 'Returned (back to stock)', 'Returned (damaged)']));
		expect(texts(s, 'totals')).toContain('TOTAL REFUNDED | €27.50');
		expect(texts(s, 'payments')).toEqual(['---', 'Refunded by', 'Card | -€27.50']);
	});

	it('an exchange, and prices entered without tax show the base and the tax on top', async () => {
		const excluded = tillSettingsOf({ ...settings, pricesIncludeTax: false });
		const result = await chargeTicket(new MemoryRepository(), draft([line(book, 2, 1000)], { tenders: [{ method: 'Bizum', amount: 2080 }], customer: null, cashier: '' }), excluded, 'S');
		if (!result.ok) throw new Error('not charged');
		const s = receiptSections(result.ticket, esFormat);
		expect(texts(s, 'totals')).toEqual(['---', 'Base imponible | 20,00 €', 'IVA 4 % | 0,80 €', 'TOTAL | 20,80 €']);
		expect(texts(s, 'payments')).toEqual(['---', 'Pagado con', 'Bizum | 20,80 €']);
		expect(texts(s, 'ticket')).not.toContain('Le atendió | ');
		expect(ticketKind({ lines: [{ quantity: -1 }, { quantity: 2 }] as Ticket['lines'] })).toBe('exchange');
	});
});

describe('receipt text for till paper', () => {
	it('wraps words, cuts what cannot fit, puts amounts flush right', () => {
		expect(wrap('Camiseta de algodón orgánico', 12)).toEqual(['Camiseta de', 'algodón', 'orgánico']);
		expect(wrap('ABCDEFGHIJKLMNO', 6)).toEqual(['ABCDEF', 'GHIJKL', 'MNO']);
		expect(pairLines('TOTAL', '35,50 €', 20)).toEqual(['TOTAL        35,50 €']);
		expect(pairLines('Descuento en el ticket · cliente habitual', '-2,00 €', 20)).toEqual(['Descuento en el', 'ticket · cliente', 'habitual     -2,00 €']);
		expect(pairLines('Efectivo entregado', '1.250,00 €', 20, '  ')).toEqual(['  Efectivo entregado', '          1.250,00 €']);
		// 32 columns: the rate in 10, each amount in 11.
		expect(columnsLine(['21 %', '29,34 €', '6,16 €'], 32)).toBe('21 %      ' + '    29,34 €' + '     6,16 €');
	});

	it('no line is wider than the paper, on 80 mm, 58 mm and A4', async () => {
		const sections = receiptSections(await saleTicket(), esFormat);
		for (const paper of ['80mm', '58mm', 'A4'] as const) {
			const columns = PAPER_LAYOUTS[paper].columns;
			for (const l of layoutRows(sections.flatMap((s) => s.rows), columns)) {
				if ('text' in l) expect([...l.text].length * l.scale, `${paper}: ${l.text}`).toBeLessThanOrEqual(columns);
			}
		}
	});
});

/** Reads a PDF's cross-reference table and checks every entry points at its object. */
function checkPdfStructure(bytes: Uint8Array) {
	const text = String.fromCharCode(...bytes);
	expect(text.startsWith('%PDF-1.4\n')).toBe(true);
	expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
	const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)![1]);
	expect(text.slice(startxref, startxref + 4)).toBe('xref');
	const [, count] = /^xref\n0 (\d+)\n/.exec(text.slice(startxref))!;
	const entries = text.slice(startxref).split('\n').slice(3, 2 + Number(count));
	entries.forEach((entry, i) => {
		const offset = Number(entry.slice(0, 10));
		expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
	});
	for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
		const start = m.index! + m[0].length;
		expect(text.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream');
	}
	expect(bytes.every((b) => b < 128)).toBe(true);
	return text;
}

describe('receipt PDF', () => {
	it('WinAnsi text: accents and the euro sign as octal escapes, parentheses escaped', () => {
		expect(winAnsiBytes('€ñÁ—x')).toEqual([0x80, 0xf1, 0xc1, 0x97, 0x78]);
		expect(winAnsiBytes('1\u202f250,00\u00a0€ \u2212 ☃')).toEqual([0x31, 0x20, 0x32, 0x35, 0x30, 0x2c, 0x30, 0x30, 0xa0, 0x80, 0x20, 0x2d, 0x20, 0x3f]);
		expect(pdfString('Año (2026) \\ 5 €')).toBe('(A\\361o \\(2026\\) \\\\ 5 \\200)');
	});

	it('a valid file: every object where the cross-reference says, stream lengths exact', () => {
		const bytes = pdfDocument([
			{ width: 100, height: 200, items: [{ kind: 'text', x: 10, y: 180, size: 8, bold: false, text: 'Hola (mundo)' }, { kind: 'rect', x: 10, y: 10, width: 1.5, height: 20 }] },
			{ width: 100, height: 200, items: [{ kind: 'text', x: 10, y: 180, size: 8, bold: true, text: 'Página 2 €' }] }
		], { title: 'Ticket X', producer: 'Test' });
		const text = checkPdfStructure(bytes);
		expect(text).toContain('/Count 2');
		expect(text).toContain('BT /F1 8 Tf 10 180 Td (Hola \\(mundo\\)) Tj ET');
		expect(text).toContain('10 10 1.5 20 re f');
		expect(text).toContain('/BaseFont /Courier-Bold');
	});

	it('a receipt on a roll is one page as long as its lines, with the barcode in bars and the invoice in text', async () => {
		const ticket = await saleTicket();
		const sections = receiptSections(ticket, esFormat);
		for (const paper of ['80mm', '58mm'] as const) {
			const pages = receiptPages(layoutRows(sections.flatMap((s) => s.rows), PAPER_LAYOUTS[paper].columns), paper);
			expect(pages).toHaveLength(1);
			expect(pages[0].width).toBeCloseTo((PAPER_LAYOUTS[paper].widthMm * 72) / 25.4, 5);
			// The bars drawn are the ticket number's Code 128 modules.
			const bars = pages[0].items.filter((i) => i.kind === 'rect');
			const module = Math.min(...bars.map((b) => b.width));
			let drawn = '';
			for (const b of bars) drawn = drawn.padEnd(Math.round((b.x - bars[0].x) / module), '0') + '1'.repeat(Math.round(b.width / module));
			expect(drawn).toBe(code128(ticket.invoice).modules);
			// Every item inside the page.
			for (const item of pages[0].items) {
				expect(item.x).toBeGreaterThanOrEqual(0);
				expect(item.y).toBeGreaterThanOrEqual(0);
				expect(item.y).toBeLessThan(pages[0].height);
				if (item.kind === 'rect') expect(item.x + item.width).toBeLessThanOrEqual(pages[0].width);
			}
		}
		const text = checkPdfStructure(receiptPdf(sections, '80mm', { title: `Ticket ${ticket.invoice}`, producer: 'Smart Inventory' }));
		expect(text).toContain(`/Title (Ticket ${ticket.invoice})`);
		expect(text).toContain(`(${' '.repeat(13)}${ticket.invoice})`);
		expect(text).toContain('Boutique Luna');
	});

	it('a long receipt on A4 goes on to a second page', async () => {
		const many = Array.from({ length: 40 }, (_, i) => line({ ...book, id: `p-${i}` as ProductId, name: `Libro ${i + 1}` }, 1, 500));
		const ticket = await charged(draft(many, { tenders: [{ method: 'card', amount: 20000 }] }));
		const pages = receiptPages(layoutRows(receiptSections(ticket, esFormat).flatMap((s) => s.rows), PAPER_LAYOUTS.A4.columns), 'A4');
		expect(pages.length).toBe(2);
		for (const p of pages) for (const item of p.items) expect(item.y).toBeGreaterThan(0);
	});
});
