// A small tea shop whose sales have patterns the insights must find: tea sells with mugs, bread
// with jam; two big regular customers, two regulars, occasional ones, two who stopped coming, a
// new one and two who came once long ago; a red tea that never sold; a product that only starts
// selling (with tea) late; a return.
import type { Cents, CustomerId, LocalTimestamp, SaleId } from '$core/brand';
import { emptyCustomerForm, emptyProductForm, saveCustomer, saveProduct } from '$core/catalog';
import { newId } from '$core/ids';
import { movementsForSale } from '$core/ledger';
import type { InventoryRepository } from '$core/repository';
import { buildBlock } from '$core/sale-blocks';
import { MS_PER_DAY, parseIsoDay } from '$core/time';
import type { Customer, Product, Sale } from '$core/types';

export const START_DAY = parseIsoDay('2024-01-01')!;
/** The last day with a sale (Bruno's, day 199). */
export const LAST_DAY = START_DAY + 199;
/** The day the late product starts selling with tea. */
export const LATE_FROM = START_DAY + 170;

const PRODUCTS = [
	['TEA', 'Té verde Sencha', 'Bebidas', '3,00'], ['MUG', 'Taza de cerámica', 'Menaje', '6,00'],
	['HONEY', 'Miel de flores', 'Alimentación', '5,00'], ['BREAD', 'Pan de pueblo', 'Panadería', '1,20'],
	['JAM', 'Mermelada de fresa', 'Alimentación', '2,50'], ['COFFEE', 'Café molido', 'Bebidas', '4,00'],
	['LATE', 'Tetera de hierro', 'Menaje', '25,00'], ['NEWTEA', 'Té rojo Pu Erh', 'Bebidas', '3,20']
] as const;
export type Sku = (typeof PRODUCTS)[number][0];

/** code, name, first day, last day, days between purchases, basket. */
const CUSTOMERS: [string, string, number, number, number, Sku[], number][] = [
	['C01', 'Ana', 0, 198, 7, ['TEA', 'MUG', 'HONEY'], 10], ['C02', 'Bruno', 3, 199, 7, ['TEA', 'HONEY', 'MUG'], 8],
	['C03', 'Carla', 10, 190, 20, ['TEA', 'MUG'], 2], ['C04', 'Diego', 15, 195, 20, ['BREAD', 'JAM'], 2],
	['C05', 'Elena', 20, 140, 60, ['COFFEE'], 1], ['C06', 'Fede', 30, 150, 60, ['BREAD', 'JAM'], 1],
	['C07', 'Gema', 40, 160, 60, ['TEA'], 1], ['C08', 'Hugo', 0, 90, 10, ['TEA', 'MUG', 'HONEY'], 6],
	['C09', 'Inés', 2, 92, 10, ['BREAD', 'JAM', 'HONEY'], 5], ['C10', 'Juan', 195, 195, 1, ['TEA', 'MUG'], 1],
	['C11', 'Kiko', 5, 5, 1, ['COFFEE'], 1], ['C12', 'Lola', 6, 6, 1, ['BREAD'], 1]
];

export interface InsightsShop {
	products: Map<Sku, Product>;
	customers: Map<string, Customer>;
	sales: Sale[];
}

const at = (day: number, hour: number) => (day * MS_PER_DAY + hour * 3_600_000) as LocalTimestamp;

function sales(products: Map<Sku, Product>, customers: Map<string, Customer>): Sale[] {
	const out: Sale[] = [];
	let invoice = 0;
	const sell = (day: number, customerId: CustomerId | null, lines: [Sku, number][], hour = 10) => out.push({
		id: newId() as SaleId, invoice: `T-${String(++invoice).padStart(4, '0')}`, at: at(day, hour), customerId, deviceId: 'dev-1',
		lines: lines.map(([sku, quantity]) => ({ productId: products.get(sku)!.id, quantity, unitPrice: products.get(sku)!.unitPrice, discount: 0 as Cents }))
	});
	for (const [code, , first, last, every, basket, quantity] of CUSTOMERS) {
		const id = customers.get(code)!.id;
		for (let d = first; d <= last; d += every) {
			const lines: [Sku, number][] = basket.map((sku) => [sku, quantity]);
			if (d >= 170 && basket.includes('TEA')) lines.push(['LATE', 1]);
			sell(START_DAY + d, id, lines);
		}
	}
	// Walk-ins: bread with jam, coffee on its own, tea with a mug.
	for (let d = 0; d <= 200; d += 3) {
		sell(START_DAY + d, null, [['BREAD', 1], ['JAM', 1]], 9);
		sell(START_DAY + d, null, [['COFFEE', 1]], 11);
		if (d % 6 === 0) sell(START_DAY + d, null, [['TEA', 1], ['MUG', 1]], 12);
	}
	// Ana brings a honey jar back: a return, never a purchase of honey.
	sell(START_DAY + 100, customers.get('C01')!.id, [['HONEY', -2]], 17);
	return out;
}

export async function buildInsightsShop(repo: InventoryRepository): Promise<InsightsShop> {
	const products = new Map<Sku, Product>(), customers = new Map<string, Customer>();
	for (const [sku, name, category, unitPrice] of PRODUCTS) {
		const saved = await saveProduct(repo, { ...emptyProductForm(), sku, name, category, unitPrice, unitCost: '1' });
		if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
		products.set(sku, saved.value);
	}
	for (const [code, name] of CUSTOMERS) {
		const saved = await saveCustomer(repo, { ...emptyCustomerForm(), code, name });
		if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
		customers.set(code, saved.value);
	}
	const all = sales(products, customers);
	await repo.appendSales({ blocks: [buildBlock(newId(), all, 'import')], movements: all.flatMap(movementsForSale) });
	return { products, customers, sales: all };
}
