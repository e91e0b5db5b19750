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
			expect(header).toMatchObject({ format: 'smart-inventory-backup', version: 1, createdAt: '2024-06-01 08:00:00' });
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
		await expect(createBackup(odd)).rejects.toThrow('sale block column "extra" is not part of backup format 1');
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
			[{ ...good, version: 2 }, 'version', /newer version of the app/],
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
