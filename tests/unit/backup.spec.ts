// A full backup restores into an empty store with the same counts, stock, daily totals, ledger and
// settings; a foreign, damaged or newer file is refused before anything is written, and so is a
// store that already has data.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cents, SaleId } from '$core/brand';
import { newId } from '$core/ids';
import { buildBlock } from '$core/sale-blocks';
import { BackupError, base64ToBytes, bytesToBase64, createBackup, parseBackup, restoreBackup } from '$core/backup';
import { validateDemoBundle } from '$core/demo-bundle';
import { loadDemo } from '$core/demo-load';
import { MemoryRepository } from '$core/memory-repository';
import type { InventoryRepository } from '$core/repository';
import { parseIsoDay } from '$core/time';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DexieRepository } from '$lib/db/dexie-repository';
import { InventoryDB } from '$lib/db/inventory-db';
import { freshRepository } from '../support/sql-databases';
import { snapshot } from '../support/store-snapshot';
import { at, buildShop } from './export-fixture';
import { draftPurchaseOrder, markOrdered } from '$core/purchase-orders/purchase-order';
import type { ProductId } from '$core/brand';
import { movement } from '$core/ledger';
import { blockSales } from '$core/sale-blocks';
import type { TillDraft } from '$core/till/checkout';
import { chargeTicket } from '$core/till/record';
import { DEFAULT_TILL_SETTINGS } from '$core/till/settings';
import { verifyTickets, type Ticket } from '$core/till/ticket';
import type { Product, Sale } from '$core/types';

const backupText = async (repo: InventoryRepository) => (await createBackup(repo, { createdAt: at('2024-06-01 08:00') })).parts.join('');

const makers: [string, () => InventoryRepository | Promise<InventoryRepository>][] = [
	['memory', () => new MemoryRepository()],
	['SQLite', () => freshRepository('sqlite')],
	['IndexedDB (Dexie)', () => new DexieRepository(new InventoryDB('test', { indexedDB: new IDBFactory(), IDBKeyRange }))]
];

describe('full backup', () => {
	it('base64 of typed-array bytes round-trips every length', () => {
		for (let n = 0; n < 40; n++) {
			const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
			expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
			expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
		}
		expect(base64ToBytes('ab$=')).toBeNull();
		expect(base64ToBytes('abc')).toBeNull();
	});

	for (const [name, make] of makers) {
		it(`restores a ${name} store into an empty ${name} store: counts, stock, daily totals, movements, settings`, async () => {
			const source = await make();
			await buildShop(source);
			// An order sent to a supplier (stock on order) and a draft.
			const [first, second] = await source.listProducts();
			const sent = draftPurchaseOrder(first.supplierId, [{ productId: first.id, quantity: 12, unitCost: first.unitCost }], at('2024-05-20 09:00'), 'dev');
			await source.putPurchaseOrder(markOrdered(sent, at('2024-05-20 09:05'), 7));
			await source.putPurchaseOrder(draftPurchaseOrder(null, [{ productId: second.id, quantity: 3, unitCost: second.unitCost }], at('2024-05-21 09:00'), 'dev'));
			const text = await backupText(source);
			const header = JSON.parse(text);
			expect(header).toMatchObject({ format: 'smart-inventory-backup', version: 2, createdAt: '2024-06-01 08:00:00' });
			expect(typeof header.blocks[0].quantity).toBe('string');

			const target = await make();
			await target.putSetting('deviceId', 'this-tablet');
			const progress: number[] = [];
			const counts = await restoreBackup(target, text, (done) => progress.push(done));
			expect(counts).toEqual(await source.counts());
			expect(progress.at(-1)).toBe(counts.saleLines + counts.movements);
			expect(await snapshot(target)).toEqual(await snapshot(source));
			expect(await target.getSetting('deviceId')).toBe('this-tablet');
			// And the restored store backs up to the same document.
			expect(await backupText(target)).toBe(text);
		});
	}

	it('carries the sample shop (about 100,000 lines) from memory into SQLite', async () => {
		const source = new MemoryRepository();
		const bundle = validateDemoBundle(JSON.parse(readFileSync('static/demo/demo-shop.json', 'utf8')));
		await loadDemo(source, bundle, { today: parseIsoDay('2024-06-01')!, deviceId: 'demo-device' });
		const started = performance.now();
		const { parts, counts } = await createBackup(source);
		const text = parts.join('');
		const made = performance.now();
		const target = await freshRepository('sqlite');
		await restoreBackup(target, text);
		const restored = performance.now();
		console.log(`sample shop: ${counts.saleLines} lines, ${counts.movements} movements; backup ${(text.length / 1e6).toFixed(1)} MB in ${(made - started).toFixed(0)} ms, restore ${(restored - made).toFixed(0)} ms`);
		expect(await target.counts()).toEqual(await source.counts());
		const [a, b] = [await snapshot(source), await snapshot(target)];
		expect(b.stock).toEqual(a.stock);
		expect(b.shopDays).toEqual(a.shopDays);
		expect(b.productDays).toEqual(a.productDays);
		expect(b.movements).toEqual(a.movements);
	}, 60_000);

	it('keeps the import\'s line identities (lineKeys), so a re-import after a restore still skips those lines', async () => {
		const source = new MemoryRepository();
		const { shirt } = await buildShop(source);
		const sale = { id: newId() as SaleId, invoice: 'IMP-1', at: at('2024-05-20 10:00'), customerId: null, deviceId: 'x', lines: [{ productId: shirt.id, quantity: 2, unitPrice: shirt.unitPrice, discount: 0 as Cents }, { productId: shirt.id, quantity: 1, unitPrice: shirt.unitPrice, discount: 0 as Cents }] };
		const keys = Float64Array.from([2 ** 52 + 12345, 987654321]);
		await source.appendSales({ blocks: [Object.assign(buildBlock('imported', [sale], 'import'), { lineKeys: keys })], movements: [] });
		const target = new MemoryRepository();
		await restoreBackup(target, await backupText(source));
		const restored = (await target.saleBlocks()).find((b) => b.id === 'imported') as unknown as { lineKeys: Float64Array };
		expect(restored.lineKeys).toEqual(keys);
		expect((await target.saleBlocks()).filter((b) => 'lineKeys' in b)).toHaveLength(1);

		const odd = new MemoryRepository();
		await odd.appendSales({ blocks: [Object.assign(buildBlock('odd', [sale], 'import'), { extra: new Int8Array(2) })], movements: [], products: [shirt] });
		await expect(createBackup(odd)).rejects.toThrow('sale block column "extra" is not part of backup format 2');
	});

	it('refuses a store that already has data, and writes nothing', async () => {
		const source = new MemoryRepository();
		await buildShop(source);
		const text = await backupText(source);
		const target = new MemoryRepository();
		await buildShop(target);
		const before = await snapshot(target);
		const error = await restoreBackup(target, text).catch((e) => e);
		expect(error).toBeInstanceOf(BackupError);
		expect(error.code).toBe('not_empty');
		expect(error.message).toMatch(/only restores into an empty store/);
		expect(await snapshot(target)).toEqual(before);
	});

	it('says clearly what is wrong with a foreign, newer or damaged file, before writing anything', async () => {
		const source = new MemoryRepository();
		await buildShop(source);
		const good = JSON.parse(await backupText(source));
		const cases: [unknown, string, RegExp][] = [
			['sku;name\r\nA;B', 'foreign', /not a Smart Inventory backup \(not JSON/],
			[{ format: 'other-app', version: 1 }, 'foreign', /no "format": "smart-inventory-backup"/],
			[{ ...good, version: 3 }, 'version', /newer version of the app/],
			[{ ...good, products: good.products.map((p: object, i: number) => (i === 1 ? { ...p, unitPrice: '3,00' } : p)) }, 'malformed', /products\[1\]\.unitPrice: expected a whole number, found "3,00"/],
			[{ ...good, products: [...good.products, { ...good.products[0], id: 'x' }], counts: { ...good.counts, products: 4 } }, 'malformed', /products\[3\]\.sku: the SKU "[^"]+" appears twice/],
			[{ ...good, movements: good.movements.slice(1) }, 'malformed', /counts\.movements: the header says 10 but the file holds 9/],
			[{ ...good, movements: [{ ...good.movements[0], reason: 'theft' }, ...good.movements.slice(1)] }, 'malformed', /movements\[0\]\.reason: unknown reason "theft"/],
			[{ ...good, blocks: [{ ...good.blocks[0], quantity: good.blocks[0].quantity.slice(0, -4) }, ...good.blocks.slice(1)] }, 'malformed', /blocks\[0\]\.quantity: expected 2 values, found 1\.5|blocks\[0\]\.quantity: expected \d+ values/],
			[{ ...good, blocks: [{ ...good.blocks[0], unitPrice: 'not base64!' }, ...good.blocks.slice(1)] }, 'malformed', /blocks\[0\]\.unitPrice: expected base64 text/],
			[{ ...good, blocks: undefined }, 'malformed', /blocks: missing or not a list/]
		];
		for (const [doc, code, message] of cases) {
			const target = new MemoryRepository();
			const error = await restoreBackup(target, typeof doc === 'string' ? doc : JSON.stringify(doc)).catch((e) => e);
			expect(error, String(message)).toBeInstanceOf(BackupError);
			expect(error.code, String(message)).toBe(code);
			expect(error.message).toMatch(message);
			expect((await target.counts()).products).toBe(0);
		}
		expect(() => parseBackup(JSON.stringify(good))).not.toThrow();
	});

	it('a write failing half way leaves the store empty again, keeping the device id', async () => {
		const source = new MemoryRepository();
		await buildShop(source);
		const text = await backupText(source);
		const target = new MemoryRepository();
		await target.putSetting('deviceId', 'this-tablet');
		target.addMovements = async () => { throw new Error('QuotaExceededError'); };
		await expect(restoreBackup(target, text)).rejects.toThrow('QuotaExceededError');
		expect(await target.counts()).toEqual({ products: 0, suppliers: 0, customers: 0, saleLines: 0, sales: 0, movements: 0 });
		expect(await target.getSetting('deviceId')).toBe('this-tablet');
	});
});

/** A boutique's till on top of the small shop: a style and a variant, two tickets (one a damaged return), an imported till sale, a delivery by Marta. */
async function buildTill(repo: InventoryRepository) {
	const { shirt } = await buildShop(repo);
	const style: Product = { ...shirt, id: 'style-cam' as ProductId, sku: 'CAM', name: 'Camiseta', taxRate: 10, options: [{ name: 'Talla', values: ['S', 'M'] }] };
	const variant: Product = { ...shirt, id: 'cam-m' as ProductId, sku: 'CAM-M', name: 'Camiseta M', taxRate: 10, variantOf: style.id, optionValues: [{ name: 'Talla', value: 'M' }], ownPrice: true, unitPrice: 2200 as Cents };
	await repo.putProduct(style);
	await repo.putProduct(variant);
	await repo.addMovements([movement(variant.id, 6, 'purchase', at('2024-05-30 09:00'), 'dev', 'ALB-7', '', 'Marta')]);
	const draft = (lines: TillDraft['lines'], extra: Partial<TillDraft> = {}): TillDraft => ({
		saleId: newId() as SaleId, at: at('2024-06-01 10:00'), deviceId: 'dev', lines, ticketDiscount: { kind: 'percent', value: 10, reason: 'Rebajas' },
		tenders: [{ method: 'cash', amount: 5000 }], customer: null, cashier: 'Ana', approvedBy: '', returnOf: '', returnReason: '', shiftId: 'shift-1', ...extra
	});
	const charge = async (d: TillDraft): Promise<Ticket> => {
		const r = await chargeTicket(repo, d, DEFAULT_TILL_SETTINGS, 'TAB1');
		if (!r.ok) throw new Error(JSON.stringify(r.errors));
		return r.ticket;
	};
	const sold = await charge(draft([{ product: variant, quantity: 2, unitPrice: variant.unitPrice, discount: null }]));
	await charge(draft([{ product: variant, quantity: -1, unitPrice: 1980 as Cents, discount: null, returnOfLine: 0, restock: false }], {
		at: at('2024-06-01 12:00'), cashier: 'Luis', returnOf: sold.invoice, ticketDiscount: null, tenders: [{ method: 'card', amount: 1980 }]
	}));
	const imported: Sale = {
		id: newId() as SaleId, invoice: 'POS-9', at: at('2024-05-29 17:00'), customerId: null, deviceId: 'pos', cashier: 'Eva', taxExcluded: true,
		payments: [{ method: 'Bizum', amount: 1210 as Cents }], lines: [{ productId: shirt.id, quantity: 1, unitPrice: 1000 as Cents, discount: 0 as Cents, taxRate: 21, tax: 210 as Cents }]
	};
	await repo.appendSales({ blocks: [buildBlock('imported-till', [imported], 'import')], movements: [] });
	return { style, variant, sold };
}

describe('full backup of the till', () => {
	for (const [name, make] of makers) {
		it(`keeps a ${name} store's variants, tax, payments, cashiers, receipts and movement actors`, async () => {
			const source = await make();
			const { style, variant, sold } = await buildTill(source);
			const text = await backupText(source);
			const target = await make();
			await restoreBackup(target, text);
			expect(await snapshot(target)).toEqual(await snapshot(source));
			expect(await target.getProduct(style.id)).toEqual(style);
			expect(await target.getProduct(variant.id)).toEqual(variant);
			const tickets = await target.listTickets();
			expect(tickets).toEqual(await source.listTickets());
			expect(tickets.map((t) => t.invoice)).toEqual(['TAB1-000002', 'TAB1-000001']);
			expect(verifyTickets(tickets)).toEqual([]);
			expect(await target.getTicket(sold.invoice)).toEqual(sold);
			const sales = (await target.saleBlocks()).flatMap(blockSales);
			expect(sales.find((x) => x.invoice === 'POS-9')).toMatchObject({ cashier: 'Eva', taxExcluded: true, payments: [{ method: 'Bizum', amount: 1210 }], lines: [{ taxRate: 21, tax: 210 }] });
			expect(sales.find((x) => x.invoice === 'TAB1-000002')).toMatchObject({ cashier: 'Luis', returnOf: sold.invoice, payments: [{ method: 'card', amount: -1980 }] });
			expect((await target.movementsOf(variant.id)).map((m) => [m.reason, m.actor]).sort()).toEqual([['adjustment', 'Luis'], ['purchase', 'Marta'], ['return', 'Luis'], ['sale', 'Ana']]);
			// The next ticket follows the restored chain.
			const next = await chargeTicket(target, { saleId: newId() as SaleId, at: at('2024-06-02 10:00'), deviceId: 'dev', lines: [{ product: variant, quantity: 1, unitPrice: variant.unitPrice, discount: null }], ticketDiscount: null, tenders: [{ method: 'card', amount: 2200 }], customer: null, cashier: 'Ana', approvedBy: '', returnOf: '', returnReason: '', shiftId: null }, DEFAULT_TILL_SETTINGS, 'TAB1');
			expect(next.ok && next.ticket.previousHash).toBe(tickets[0].hash);
		});
	}

	it('a tablet\'s backup restores into the memory store and backs up again to the same document', async () => {
		const tablet = new DexieRepository(new InventoryDB('tablet', { indexedDB: new IDBFactory(), IDBKeyRange }));
		await buildTill(tablet);
		const text = await backupText(tablet);
		const memory = new MemoryRepository();
		await restoreBackup(memory, text);
		expect(await memory.listTickets()).toEqual(await tablet.listTickets());
		expect(await backupText(memory)).toBe(text);
	});

	it('a version 1 backup (from before the till) restores unchanged: no till columns, no tickets', async () => {
		const source = new MemoryRepository();
		await buildShop(source);
		const doc = JSON.parse(await backupText(source));
		doc.version = 1;
		expect(JSON.stringify(doc)).not.toMatch(/"(taxRate|tax|saleCashier|salePayments|saleReturnOf|saleTickets|saleTaxExcluded|options|variantOf|actor)"/);
		for (const [name, make] of makers) {
			const target = await make();
			await restoreBackup(target, JSON.stringify(doc));
			expect(await snapshot(target), name).toEqual(await snapshot(source));
			expect(await target.listTickets(), name).toEqual([]);
			for (const b of await target.saleBlocks()) expect([b.taxRate, b.saleCashier, b.saleTickets], name).toEqual([undefined, undefined, undefined]);
		}
	});

	it('names what is wrong with a till field, before writing anything', async () => {
		const source = new MemoryRepository();
		await buildTill(source);
		const good = JSON.parse(await backupText(source));
		const styleAt = good.products.findIndex((p: Product) => p.sku === 'CAM');
		const ticketAt = good.blocks.findIndex((b: { saleTickets?: unknown[] }) => b.saleTickets);
		const importedAt = good.blocks.findIndex((b: { id: string }) => b.id === 'imported-till');
		const withProduct = (edit: object) => ({ ...good, products: good.products.map((p: object, i: number) => (i === styleAt ? { ...p, ...edit } : p)) });
		const withBlock = (i: number, edit: (b: Record<string, unknown>) => object) => ({ ...good, blocks: good.blocks.map((b: Record<string, unknown>, j: number) => (j === i ? { ...b, ...edit(b) } : b)) });
		const ticketOf = (b: Record<string, unknown>) => (b.saleTickets as Record<string, unknown>[])[0];
		const cases: [unknown, RegExp][] = [
			[withProduct({ taxRate: 150 }), new RegExp(`products\\[${styleAt}\\]\\.taxRate: `)],
			[withProduct({ options: [{ name: 'Talla', values: [] }] }), new RegExp(`products\\[${styleAt}\\]\\.options\\[0\\]\\.values: `)],
			[withProduct({ variantOf: 'nobody' }), /variantOf: product nobody is not in the backup's products/],
			[{ ...good, movements: good.movements.map((m: object, i: number) => (i === 0 ? { ...m, actor: 5 } : m)) }, /movements\[0\]\.actor: expected text/],
			[withBlock(ticketAt, (b) => ({ saleTickets: [{ ...ticketOf(b), hash: 'x' }] })), new RegExp(`blocks\\[${ticketAt}\\]\\.saleTickets\\[0\\]\\.hash: `)],
			[withBlock(ticketAt, (b) => ({ saleTickets: [{ ...ticketOf(b), saleId: 'other' }] })), /saleTickets\[0\]\.saleId: the receipt is not its sale's/],
			[withBlock(importedAt, () => ({ salePayments: [] })), new RegExp(`blocks\\[${importedAt}\\]\\.salePayments: expected 1 entries`)],
			[withBlock(importedAt, (b) => ({ salePayments: [[{ method: 'Bizum', amount: 'lots' }]], saleCashier: b.saleCashier })), /salePayments\[0\]\[0\]\.amount: /],
			[withBlock(importedAt, () => ({ taxRate: bytesToBase64(new Uint8Array(Float64Array.of(150).buffer)) })), /taxRate\[0\]: 150 is not a percentage from 0 to 100/],
			[withBlock(importedAt, () => ({ tax: undefined })), /\.tax: taxRate and tax go together/]
		];
		for (const [doc, message] of cases) {
			const target = new MemoryRepository();
			const error = await restoreBackup(target, JSON.stringify(doc)).catch((e) => e);
			expect(error, String(message)).toBeInstanceOf(BackupError);
			expect(error.message, String(message)).toMatch(message);
			expect((await target.counts()).products).toBe(0);
		}
	});
});

