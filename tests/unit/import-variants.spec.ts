// The import and variants (issue 13): style or model, size and colour columns make a style with
// its options and one variant per combination sold; sizes coded at the end of SKUs are found;
// a stored style keeps its own option names; ids are the same on every tablet.
import { describe, expect, it } from 'vitest';
import type { Cents, LocalTimestamp, ProductId } from '../../src/core/brand';
import { suggestMapping } from '../../src/core/import/sniff';
import { sizeCodedSkus, sortSizes, splitSizedSku } from '../../src/core/import/sizes';
import { readVariantCells, withoutValues } from '../../src/core/import/variant-cells';
import { MemoryRepository } from '../../src/core/memory-repository';
import type { Product } from '../../src/core/types';
import { isStyle, variantId } from '../../src/core/variants';
import { fixture, importBytes, sniffBytes } from './import-helpers';

const text = (s: string) => new TextEncoder().encode(s);
const named = (header: string[], mapping: Record<string, number | undefined>) =>
	Object.fromEntries(Object.entries(mapping).map(([f, i]) => [f, header[i as number]]));

async function products(repo: MemoryRepository) {
	const all = await repo.listProducts();
	const bySku = new Map(all.map((p) => [p.sku, p]));
	const styles = all.filter(isStyle);
	const variantsOf = (sku: string) => all.filter((p) => p.variantOf === bySku.get(sku)?.id).map((p) => p.sku).sort();
	return { all, bySku, styles, variantsOf };
}

describe('sizes', () => {
	it('sorts letter sizes, numbers and one size as a shop lists them', () => {
		expect(sortSizes(['XL', 'S', 'xxl', 'M', 'XS', 'L', '3XL'])).toEqual(['XS', 'S', 'M', 'L', 'XL', 'xxl', '3XL']);
		expect(sortSizes(['36', '28', '32', '30.5'])).toEqual(['28', '30.5', '32', '36']);
		expect(sortSizes(['Única', 'M', 'S'])).toEqual(['S', 'M', 'Única']);
		expect(sortSizes(['6-12M', '2-3A', '0-6M'])).toEqual(['0-6M', '6-12M', '2-3A']);
	});

	it('finds a size at the end of a SKU, with a colour code after it', () => {
		expect(splitSizedSku('JK104-XL')).toEqual({ stem: 'JK104', size: 'XL', after: '' });
		expect(splitSizedSku('TS01-M-BLK')).toEqual({ stem: 'TS01', size: 'M', after: 'BLK' });
		expect(splitSizedSku('DN220-32-IND')).toEqual({ stem: 'DN220', size: '32', after: 'IND' });
		expect(splitSizedSku('85123A')).toBeNull();
		expect(splitSizedSku('PACK-100')).toBeNull();
		expect(splitSizedSku('BOX-2')).toBeNull();
	});

	it('calls a SKU column size-coded only when most SKUs share a stem with other sizes', () => {
		expect(sizeCodedSkus(['JK104-S', 'JK104-M', 'JK104-XL', 'TS01-M-BLK', 'TS01-L-BLK', 'GIFT'])).toEqual({ sized: true, colour: false });
		expect(sizeCodedSkus(['TS01-M-BLK', 'TS01-L-BLK', 'TS01-M-WHT', 'TS01-S-WHT'])).toEqual({ sized: true, colour: true });
		// Online Retail's codes, and product codes that merely end in one letter size each.
		expect(sizeCodedSkus(['85123A', '71053', '84406B', '22728', 'POST', 'M']).sized).toBe(false);
		expect(sizeCodedSkus(['CABLE-L', 'BATTERY-AA', 'LAMP-XL', 'DESK-01']).sized).toBe(false);
	});

	it('takes the option values off a product name for its style\'s name', () => {
		expect(withoutValues('Denim Jacket - XL / Black', ['XL', 'Black'])).toBe('Denim Jacket');
		expect(withoutValues('Camiseta básica M', ['M'])).toBe('Camiseta básica');
		expect(withoutValues('Camiseta', ['M'])).toBeNull();
	});
});

describe('column detection', () => {
	it('maps style or model, size and colour columns in Spanish and English', () => {
		const es = ['Fecha', 'Ticket', 'Referencia base', 'Código', 'Talla', 'Color', 'Cantidad', 'Precio'];
		expect(named(es, suggestMapping(es, [['2024-05-01', 'T1', 'CAM', 'CAM-M-N', 'M', 'Negro', '1', '9,90']]))).toMatchObject({ style: 'Referencia base', sku: 'Código', size: 'Talla', color: 'Color' });
		const en = ['Date', 'Style Code', 'SKU', 'Size', 'Colour', 'Qty', 'Price'];
		expect(named(en, suggestMapping(en, [['2024-05-01', 'JK104', 'JK104-XL', 'XL', 'Black', '1', '89.00']]))).toMatchObject({ style: 'Style Code', sku: 'SKU', size: 'Size', color: 'Colour' });
		const it = ['Data', 'Design', 'Description', 'Colore', 'Size', 'Qty'];
		expect(named(it, suggestMapping(it, [['2024-05-01', 'D-7', 'Abito lino', 'Blu', '42', '1']]))).toMatchObject({ style: 'Design', productName: 'Description', color: 'Colore', size: 'Size' });
		expect(named(['Modelo', 'Artículo'], suggestMapping(['Modelo', 'Artículo']))).toEqual({ style: 'Modelo', productName: 'Artículo' });
	});

	it('does not take a size column whose cells are not sizes, and takes a bare IVA column as the rate only when it holds rates', () => {
		const header = ['Date', 'Item', 'Size', 'Qty', 'IVA'];
		const rows = [['2024-05-01', 'Milk', '1 L', '2', '0,21'], ['2024-05-01', 'Rice', '500 g', '1', '0,10'], ['2024-05-02', 'Oil', '750 ml', '1', '0,87'], ['2024-05-02', 'Bread', '400 g', '3', '0,35'],
			['2024-05-03', 'Eggs', '12 u', '1', '0,09'], ['2024-05-03', 'Salt', '1 kg', '1', '0,05'], ['2024-05-04', 'Wine', '75 cl', '1', '1,21'], ['2024-05-04', 'Tea', '20 u', '1', '0,42'],
			['2024-05-05', 'Jam', '300 g', '1', '0,13']];
		const mapping = suggestMapping(header, rows);
		expect(mapping.size).toBeUndefined();
		expect([mapping.taxRate, mapping.taxAmount]).toEqual([undefined, undefined]);
		expect(named(['Date', 'Item', 'Qty', 'Cuota IVA'], suggestMapping(['Date', 'Item', 'Qty', 'Cuota IVA'], rows.map((r) => [r[0], r[1], r[3], r[4]])))).toMatchObject({ taxAmount: 'Cuota IVA' });
		expect(named(header, suggestMapping(header, rows.map((r, i) => [...r.slice(0, 4), ['21', '10', '4'][i % 3]])))).toMatchObject({ taxRate: 'IVA' });
	});

	it('leaves Shopify\'s order taxes and Square\'s payment ids and tax amounts unmapped', () => {
		for (const name of ['shopify-orders.csv', 'square-item-sales.csv']) {
			const { mapping } = sniffBytes(fixture(name));
			expect([mapping.taxRate, mapping.taxAmount, mapping.payments, mapping.style, mapping.size], name).toEqual([undefined, undefined, undefined, undefined, undefined]);
		}
	});

	it('lets the cells decide an unknown quantity, price and total that multiply out', () => {
		const csv = ['Datum,SKU,Stk,Satz,Brutto', '2024-05-02,A1,3,2.50,7.50', '2024-05-02,B2,1,10.00,10.00', '2024-05-03,A1,12,2.50,30.00', '2024-05-03,C3,2,4.99,9.98', '2024-05-04,B2,5,9.00,45.00'].join('\n');
		const sniff = sniffBytes(text(csv));
		expect(named(sniff.header, sniff.mapping)).toMatchObject({ sku: 'SKU', quantity: 'Stk', unitPrice: 'Satz', lineTotal: 'Brutto' });
		// Counts that are all 1 say nothing: no quantity is guessed.
		const ones = sniffBytes(text(['Datum,SKU,Stk,Satz,Brutto', '2024-05-02,A1,1,2.50,2.50', '2024-05-02,B2,1,10.00,10.00', '2024-05-03,C3,1,4.99,4.99'].join('\n')));
		expect(ones.mapping.quantity).toBeUndefined();
		// Numbers that do not multiply out are left alone.
		const other = sniffBytes(text(['Datum,SKU,Stk,Satz,Brutto', '2024-05-02,A1,3,2.50,4.10', '2024-05-02,B2,2,10.00,1.00', '2024-05-03,C3,4,4.99,8.00'].join('\n')));
		expect(other.mapping.quantity).toBeUndefined();
	});

	it('reads PCS, RATE and GROSS AMT as quantity, price and line total (not one unit at no price)', async () => {
		const bytes = fixture('pcs-rate-gross-amt.csv');
		const sniff = sniffBytes(bytes);
		expect(named(sniff.header, sniff.mapping)).toMatchObject({
			style: 'STYLE', sku: 'SKU', size: 'SIZE', color: 'COLOR', customer: 'CUSTOMER', dateTime: 'DATE', invoice: 'INVOICE', quantity: 'PCS', unitPrice: 'RATE', lineTotal: 'GROSS AMT'
		});
		const repo = new MemoryRepository();
		const { summary } = await importBytes(repo, bytes);
		expect(summary).toMatchObject({ rowsRead: 24, imported: 24, rejected: 0 });
		const [block] = await repo.saleBlocks();
		const skuOf = new Map((await repo.listProducts()).map((p) => [p.id, p.sku]));
		// First line: 12 PALAZZO M black at 380.00 = 4,560.00.
		expect([skuOf.get(block.products[block.lineProduct[0]]), block.quantity[0], block.unitPrice[0]]).toEqual(['ST-305-M-BLA', 12, 38_000]);
		let gross = 0;
		for (let l = 0; l < block.lineCount; l++) gross += block.quantity[l] * block.unitPrice[l];
		const fileGross = new TextDecoder().decode(bytes).trim().split('\n').slice(1).reduce((s, r) => s + Math.round(Number(r.split(',').at(-1)) * 100), 0);
		expect(gross).toBe(fileGross);
		const { bySku, variantsOf } = await products(repo);
		expect(bySku.get('ST-305')?.options).toEqual([{ name: 'Size', values: expect.arrayContaining(['M']) }, { name: 'Color', values: expect.arrayContaining(['BLACK']) }]);
		expect(variantsOf('ST-118').every((sku) => sku.startsWith('ST-118-'))).toBe(true);
	});
});

describe('importing styles and variants', () => {
	it('groups a clothing brand\'s size-coded SKUs under their styles, sizes in order, the same ids on two tablets', async () => {
		const bytes = fixture('clothing-brand-sales.csv');
		const a = new MemoryRepository(), b = new MemoryRepository();
		const first = await importBytes(a, bytes);
		expect(first.summary).toMatchObject({ rowsRead: 381, imported: 381, rejected: 0 });
		await importBytes(b, bytes);
		const { styles, bySku, variantsOf, all } = await products(a);
		expect(styles.map((s) => s.sku).sort()).toEqual(['AC900', 'DN220', 'DR515', 'JK104', 'SW330', 'TS01']);
		expect(bySku.get('JK104')).toMatchObject({ name: 'Quilted Jacket', options: [{ name: 'Size', values: ['S', 'M', 'L', 'XL', 'XXL'] }, { name: 'Colour', values: ['Black'] }] });
		expect(bySku.get('DN220')?.options?.[0].values).toEqual(['28', '30', '32', '34', '36']);
		expect(variantsOf('JK104')).toEqual(['JK104-L', 'JK104-M', 'JK104-S', 'JK104-XL', 'JK104-XXL']);
		expect(bySku.get('TS01-M-BLK')).toMatchObject({ variantOf: bySku.get('TS01')!.id, optionValues: [{ name: 'Size', value: 'M' }, { name: 'Colour', value: 'Black' }], name: 'Organic Cotton Tee M / Black' });
		// A gift card and a tote bag have no style: plain products.
		expect([bySku.get('GC-25')?.variantOf, bySku.get('GC-25')?.options]).toEqual([undefined, undefined]);
		expect(bySku.get('TOTE01')?.variantOf).toBeUndefined();
		expect(bySku.get('TS01-M-BLK')?.id).toBe(variantId(bySku.get('TS01')!.id, bySku.get('TS01-M-BLK')!.optionValues!));
		expect(new Set((await b.listProducts()).map((p) => p.id))).toEqual(new Set(all.map((p) => p.id)));
		// The credit notes are returns; a second import adds nothing.
		const stock = await a.stockLevels();
		expect(stock.get(bySku.get('TS01')!.id)).toBeUndefined();
		const again = await importBytes(a, bytes);
		expect(again.summary).toMatchObject({ imported: 0, duplicates: 381, productsCreated: 0 });
	});

	it('puts a file\'s sizes under a stored style\'s own option names, adds values it lacked, and refuses a line naming the style alone', async () => {
		const repo = new MemoryRepository();
		const at = 0 as LocalTimestamp;
		const style: Product = {
			id: 'style-cam' as ProductId, sku: 'CAM', barcode: '', name: 'Camiseta', category: 'Ropa', unitPrice: 1500 as Cents, unitCost: 500 as Cents, supplierId: null,
			leadTimeDays: null, minOrderQty: 1, packSize: 1, reorderPoint: null, active: true, createdByImport: false, updatedAt: at,
			options: [{ name: 'Talla', values: ['S', 'M'] }, { name: 'Color', values: ['Negro'] }]
		};
		await repo.putProduct(style);
		const values = [{ name: 'Talla', value: 'M' }, { name: 'Color', value: 'Negro' }];
		await repo.putProduct({ ...style, id: variantId(style.id, values), sku: 'CAM-M-N', name: 'Camiseta M / Negro', options: [], variantOf: style.id, optionValues: values });
		const csv = ['Date,Style,Size,Colour,Qty,Price', '2024-05-02,CAM,m,Negro,1,15.00', '2024-05-02,CAM,XL,Blanco,2,15.00', '2024-05-03,CAM,,,1,15.00', '2024-05-04,BOLSA,,,1,0.50', '2024-05-04,BOLSA,,,2,0.50'].join('\n');
		const { summary, rejects } = await importBytes(repo, text(csv));
		expect(summary).toMatchObject({ imported: 4, rejected: 1, productsCreated: 2 });
		expect(rejects[0]).toMatchObject({ row: 4, code: 'style_not_sold' });
		const { bySku, variantsOf } = await products(repo);
		expect(bySku.get('CAM')?.options).toEqual([{ name: 'Talla', values: ['S', 'M', 'XL'] }, { name: 'Color', values: ['Negro', 'Blanco'] }]);
		// "m" is the stored M / Negro variant; XL / Blanco is new, with the style's SKU and its values.
		expect(variantsOf('CAM')).toEqual(['CAM-M-N', 'CAM-XL-BLANCO']);
		expect(bySku.get('CAM-XL-BLANCO')).toMatchObject({ optionValues: [{ name: 'Talla', value: 'XL' }, { name: 'Color', value: 'Blanco' }], unitPrice: 1500, ownPrice: false });
		expect((await repo.stockLevels()).get(bySku.get('CAM-M-N')!.id)).toBe(-1);
	});

	it('reads our own export\'s variant_of and options columns, and names options in the file\'s language', () => {
		const columns = { style: 0, size: -1, color: -1, options: 1, sku: 2, name: 3, sizeName: 'Talla', colorName: 'Color' };
		expect(readVariantCells(['TEE', 'Talla=M; Color=Negro', 'TEE-M-NEGRO', 'Camiseta M / Negro'], columns, 'TEE-M-NEGRO', 'Camiseta M / Negro')).toEqual({
			styleCode: 'TEE', styleName: 'Camiseta', values: [{ name: 'Talla', value: 'M' }, { name: 'Color', value: 'Negro' }], roles: ['size', 'color']
		});
		expect(readVariantCells(['', '', 'BOLSA', 'Bolsa'], columns, 'BOLSA', 'Bolsa')).toBeNull();
		expect(readVariantCells(['TEE', 'Talla M', 'X', 'X'], columns, 'X', 'X')).toEqual({ error: 'bad_options', cell: 'Talla M' });
	});

	it('names a size coded in the SKU "Talla" in a Spanish file', async () => {
		const csv = ['Fecha;Código;Cantidad;Precio', '02/05/2024;JK104-S;1;89,00', '02/05/2024;JK104-M;1;89,00', '13/05/2024;JK104-XL;1;89,00'].join('\n');
		const repo = new MemoryRepository();
		await importBytes(repo, text(csv));
		const { bySku } = await products(repo);
		expect(bySku.get('JK104')?.options).toEqual([{ name: 'Talla', values: ['S', 'M', 'XL'] }]);
	});
});
