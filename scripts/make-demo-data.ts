// Builds static/demo/demo-shop.json, the sample shop behind "Cargar datos de ejemplo", from the
// real sales of a gift-ware shop (UCI Online Retail, Dec 2010 - Sep 2011; ../shared/data).
//   npx tsx scripts/make-demo-data.ts [path/to/online_retail.csv]
// Deterministic: every made-up value (names, costs, barcodes, lead-time jitter) comes from a
// seeded generator keyed by what it describes, so the same CSV always gives the same file.
// Real: products (the 150 best sellers, their descriptions and prices), every sale line of them,
// returns (cancellation invoices), sale times and which customer bought. Made up: customer names,
// suppliers, categories, costs, barcodes, reorder points and the deliveries that kept the shelves
// stocked, planned from the real demand. The format is documented in src/core/demo-bundle.ts.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_FORMAT, DEMO_VERSION, validateDemoBundle, type DemoBundle } from '../src/core/demo-bundle';
import { MS_PER_DAY, parseIsoDay, parseIsoLocal } from '../src/core/time';
import { toCents } from '../src/core/money';
import { isValidBarcode } from '../src/core/validation';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = process.argv[2] ?? resolve(ROOT, '../shared/data/online-retail/online_retail_2010-12_2011-09.csv');
const OUTPUT = resolve(ROOT, 'static/demo/demo-shop.json');

const PRODUCT_COUNT = 150;
/** Codes for postage, fees and manual entries: not goods on a shelf. Codes must also start with 5 digits. */
const NON_PRODUCT_CODES = new Set(['POST', 'DOT', 'M', 'm', 'D', 'C2', 'S', 'B', 'PADS', 'CRUK', 'BANK CHARGES', 'AMAZONFEE']);
const isProductCode = (code: string) => !NON_PRODUCT_CODES.has(code) && /^\d{5}[A-Z]{0,3}$/.test(code);

// ---- Deterministic randomness -----------------------------------------------------------------

/** FNV-1a: a stable 32-bit hash of a key. */
function hash(key: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

/** mulberry32: a small seeded generator; one per thing described, so output never depends on order. */
function random(key: string) {
	let a = hash(key);
	const next = () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		between: (min: number, max: number) => min + next() * (max - min),
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]
	};
}

// ---- Reading the CSV ---------------------------------------------------------------------------

interface SourceLine { invoice: string; code: string; description: string; quantity: number; minute: number; price: number; customer: string }

/** Splits one CSV record; fields may be quoted and hold commas. */
function csvFields(line: string): string[] {
	const fields: string[] = [];
	let field = '', quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quoted) {
			if (c === '"' && line[i + 1] === '"') { field += '"'; i++; }
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') { fields.push(field); field = ''; }
		else field += c;
	}
	fields.push(field);
	return fields;
}

/** The sale lines of goods: no postage or fees, no free lines, no stock adjustments (negative outside a cancellation). */
function readSaleLines(path: string): { lines: SourceLine[]; startDate: string } {
	const rows = readFileSync(path, 'utf8').split(/\r?\n/);
	const header = csvFields(rows[0]).join(',');
	if (header !== 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country') throw new Error(`unexpected header: ${header}`);
	const parsed = rows.slice(1).filter((r) => r.trim() !== '').map(csvFields);
	const startDate = parsed.reduce((min, f) => (f[4] < min ? f[4] : min), parsed[0][4]).slice(0, 10);
	const startMs = parseIsoDay(startDate)! * MS_PER_DAY;
	const lines: SourceLine[] = [];
	for (const [invoice, code, description, quantity, date, price, customer] of parsed) {
		const q = Number(quantity), p = Number(price);
		const cancellation = invoice.startsWith('C');
		if (!isProductCode(code) || !(p > 0) || q === 0 || (q < 0 && !cancellation) || (q > 0 && cancellation)) continue;
		if (!/^C?\d+$/.test(invoice)) continue;
		const at = parseIsoLocal(date);
		if (at === null) throw new Error(`bad date ${date} on invoice ${invoice}`);
		lines.push({ invoice, code, description, quantity: q, minute: (at - startMs) / 60_000, price: p, customer: customer.replace(/\.0$/, '') });
	}
	return { lines, startDate };
}

// ---- Products ----------------------------------------------------------------------------------

const SMALL_WORDS = new Set(['of', 'and', 'the', 'in', 'with', 'on', 'for', 'a', 'to', 'or']);
const ACRONYMS = new Set(['LED', 'PC', 'UK', 'USA', 'DIY', 'S/3', 'S/4', 'S/6']);

/** "PACK OF 72 RETROSPOT CAKE CASES " → "Pack of 72 Retrospot Cake Cases". */
export function titleCase(description: string): string {
	const words = description.replace(/\s+/g, ' ').trim().replace(/\.+$/, '').split(' ');
	return words.map((word, i) => {
		if (ACRONYMS.has(word)) return word;
		const lower = word.toLowerCase();
		if (i > 0 && SMALL_WORDS.has(lower)) return lower;
		return lower.replace(/(^|[-+/(&])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
	}).join(' ');
}

/** Spanish shop categories from English description keywords; the first rule that matches wins. */
const CATEGORY_RULES: [string, RegExp][] = [
	['Navidad', /CHRISTMAS|XMAS|ADVENT|SANTA|REINDEER|SNOWFLAKE|PAPER CHAIN/],
	['Fiestas', /BUNTING|PARTY|PARASOL|NAPKIN|PAPER PLATES|PAPER CUPS|BALLOON/],
	['Iluminación', /T-LIGHT|LIGHT|LANTERN|CANDLE|LAMP/],
	['Bolsos', /\bBAG\b|SHOPPER|PURSE|WALLET/],
	['Cocina', /CAKE|TEACUP|TEA SET|TEA TOWEL|MUG|JAM |JARS?\b|BOWL|LUNCH BOX|SNACK BOX|BAKING|COOKIE|KITCHEN|SPICE|JELLY|RECIPE|PLATE|CUTLERY|DOILIES|TINS\b|POPCORN|JUG/],
	['Papelería', /CARD|PAPER|NOTEBOOK|WRAP|PENCIL|PEN\b|STICKER|CHALKBOARD|BLACK BOARD|TISSUES/],
	['Jardín', /GARDEN|\bBIRD\b|PLANT|WATERING|FLOWER POT|PICNIC|KNEELING/],
	['Juguetes', /TOY|GAME|DOLL\b|HARMONICA|FELTCRAFT|SNAP|SEWING KIT/],
	['Hogar', /DOORMAT|PLASTERS|HOT WATER BOTTLE|PEG|HOOK|HANGER|COAT RACK|CABINET|CHEST|STORAGE|SCALES|CLOCK/],
	['Decoración', /HEART|SIGN|FRAME|ORNAMENT|DECORATION|WICKER|TRINKET|BLOCK WORD|FAN|RIBBON/]
];
const DEFAULT_CATEGORY = 'Regalos';
const categoryOf = (description: string) => CATEGORY_RULES.find(([, re]) => re.test(description.toUpperCase()))?.[0] ?? DEFAULT_CATEGORY;

interface SupplierSpec { name: string; code: string; mailbox: string; contact: string; phone: string; leadTimeDays: number; categories: string[] }

/** Made-up suppliers: a nearby wholesaler delivers in days, an importer from Asia takes three weeks. */
const SUPPLIERS: SupplierSpec[] = [
	{ name: 'Papelería Cantábrica', code: 'PCA', mailbox: 'cantabrica', contact: 'Iñaki Etxeberria', phone: '+34 944 215 380', leadTimeDays: 3, categories: ['Papelería', 'Fiestas'] },
	{ name: 'Menaje Ibérico', code: 'MIB', mailbox: 'menaje', contact: 'Rocío Navarro', phone: '+34 954 662 107', leadTimeDays: 5, categories: ['Cocina'] },
	{ name: 'Distribuciones Alhambra', code: 'DAL', mailbox: 'alhambra', contact: 'Javier Molina', phone: '+34 958 301 442', leadTimeDays: 7, categories: ['Decoración', 'Hogar', 'Regalos'] },
	{ name: 'Textiles y Bolsos Levante', code: 'TBL', mailbox: 'levante', contact: 'Marta Soler', phone: '+34 963 118 925', leadTimeDays: 10, categories: ['Bolsos'] },
	{ name: 'Luminarias del Mediterráneo', code: 'LUM', mailbox: 'luminarias', contact: 'Carles Puig', phone: '+34 934 870 251', leadTimeDays: 14, categories: ['Iluminación', 'Navidad'] },
	{ name: 'Importaciones Pacífico', code: 'IPA', mailbox: 'pacifico', contact: 'Lucía Chen', phone: '+34 915 427 603', leadTimeDays: 21, categories: ['Juguetes', 'Jardín'] }
];
const supplierFor = (category: string) => Math.max(0, SUPPLIERS.findIndex((s) => s.categories.includes(category)));

/** A valid EAN-13: the Spanish prefix 84, a made-up company per supplier, an item number, the check digit. */
function ean13(supplier: number, item: number): string {
	const body = `84${String(93100 + supplier * 7).padStart(5, '0')}${String(item).padStart(5, '0')}`;
	const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
	const code = body + ((10 - (sum % 10)) % 10);
	if (!isValidBarcode(code)) throw new Error(`bad EAN-13 ${code}`);
	return code;
}

/** The value seen most often (ties: the larger), for a product's usual price and pack. */
function mostCommon(values: number[]): number {
	const counts = new Map<number, number>();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
}

const PACK_SIZES = [1, 2, 3, 4, 6, 8, 10, 12, 16, 20, 24, 25, 32, 36, 48, 50, 72, 96, 100];

interface ProductPlan {
	code: string; name: string; category: string; supplier: number;
	unitPrice: number; unitCost: number; barcode: string; packSize: number;
	/** Net units sold per calendar day over the history. */
	dailyDemand: number;
	reorderPoint: number; orderQty: number;
}

/** The best sellers by number of sale lines (a robust measure: one huge order does not make a best seller). */
function planProducts(lines: SourceLine[]): ProductPlan[] {
	const byCode = new Map<string, SourceLine[]>();
	for (const l of lines) {
		if (!byCode.has(l.code)) byCode.set(l.code, []);
		byCode.get(l.code)!.push(l);
	}
	const days = Math.ceil(lines.reduce((max, l) => Math.max(max, l.minute), 0) / 1440);
	const sales = (ls: SourceLine[]) => ls.filter((l) => l.quantity > 0);
	const best = [...byCode].sort((a, b) => sales(b[1]).length - sales(a[1]).length || (a[0] < b[0] ? -1 : 1)).slice(0, PRODUCT_COUNT);
	return best.map(([code, ls], item) => {
		const sold = sales(ls);
		const names = new Map<string, number>();
		for (const l of sold) names.set(titleCase(l.description), (names.get(titleCase(l.description)) ?? 0) + 1);
		const name = [...names].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
		const category = categoryOf(name);
		const supplier = supplierFor(category);
		const rng = random(`product ${code}`);
		const unitPrice = toCents(mostCommon(sold.map((l) => l.price)));
		const usualQty = mostCommon(sold.map((l) => l.quantity));
		const packSize = PACK_SIZES.includes(usualQty) ? usualQty : 1;
		const dailyDemand = Math.max(0, ls.reduce((n, l) => n + l.quantity, 0)) / days;
		const lead = SUPPLIERS[supplier].leadTimeDays;
		// Cover the lead time plus a safety margin of half of it (at least two days) of average demand.
		const reorderPoint = Math.max(packSize, Math.ceil(dailyDemand * (lead + Math.max(2, Math.round(lead / 2)))));
		const orderQty = roundUpTo(Math.max(packSize, dailyDemand * 30), packSize);
		return {
			code, name, category, supplier, unitPrice, packSize, dailyDemand, reorderPoint, orderQty,
			unitCost: Math.max(1, Math.round(unitPrice * rng.between(0.42, 0.62))),
			barcode: ean13(supplier, 1000 + item * 37 + (hash(code) % 37))
		};
	});
}

const roundUpTo = (n: number, step: number) => Math.max(step, Math.ceil(n / step) * step);

// ---- Sales and customers ----------------------------------------------------------------------

interface SaleRecord { invoice: string; minute: number; customer: string; lines: SourceLine[] }

/** Invoices as sales (in time order, then by invoice), keeping only the chosen products' lines. */
function collectSales(lines: SourceLine[], products: Map<string, number>): SaleRecord[] {
	const byInvoice = new Map<string, SaleRecord>();
	for (const l of lines) {
		if (!products.has(l.code)) continue;
		let sale = byInvoice.get(l.invoice);
		if (!sale) byInvoice.set(l.invoice, (sale = { invoice: l.invoice, minute: l.minute, customer: l.customer, lines: [] }));
		sale.lines.push(l);
	}
	return [...byInvoice.values()].sort((a, b) => a.minute - b.minute || (a.invoice < b.invoice ? -1 : 1));
}

const FIRST_NAMES = ['María', 'Carmen', 'Ana', 'Isabel', 'Laura', 'Lucía', 'Cristina', 'Marta', 'Elena', 'Pilar', 'Rosa', 'Paula', 'Sara', 'Raquel', 'Beatriz', 'Nuria', 'Silvia', 'Patricia', 'Inés', 'Alba', 'Irene', 'Teresa', 'Julia', 'Noelia', 'Antonio', 'José', 'Manuel', 'Francisco', 'David', 'Juan', 'Javier', 'Daniel', 'Carlos', 'Jesús', 'Alejandro', 'Miguel', 'Rafael', 'Pablo', 'Sergio', 'Fernando', 'Jorge', 'Luis', 'Alberto', 'Álvaro', 'Adrián', 'Diego', 'Rubén', 'Iván', 'Óscar', 'Andrés'];
const SURNAMES = ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez', 'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Gil', 'Ramírez', 'Serrano', 'Blanco', 'Molina', 'Morales', 'Suárez', 'Ortega', 'Delgado', 'Castro', 'Ortiz', 'Rubio', 'Marín', 'Sanz', 'Núñez', 'Iglesias', 'Medina', 'Garrido', 'Cortés', 'Castillo', 'Santos', 'Lozano', 'Guerrero', 'Cano', 'Prieto'];
const PLACES = ['Triana', 'Málaga', 'Valencia', 'Zaragoza', 'Bilbao', 'Gijón', 'Salamanca', 'Cádiz', 'Córdoba', 'Granada', 'Toledo', 'Burgos', 'Vigo', 'Alicante', 'Murcia', 'Palma', 'León', 'Oviedo', 'Santander', 'Logroño', 'Huesca', 'Lugo', 'Cáceres', 'Almería', 'Jerez', 'Sitges', 'Ronda', 'Teruel'];
const SHOP_NAMES: ((r: ReturnType<typeof random>) => string)[] = [
	(r) => `Regalos ${r.pick(SURNAMES)}`,
	(r) => `Bazar ${r.pick(PLACES)}`,
	(r) => `Decoraciones ${r.pick(FIRST_NAMES)}`,
	(r) => `La Tienda de ${r.pick(FIRST_NAMES)}`,
	(r) => `${r.pick(SURNAMES)} e Hijos`,
	(r) => `Detalles ${r.pick(PLACES)}`,
	(r) => `Casa y Regalo ${r.pick(PLACES)}`,
	(r) => `El Rincón de ${r.pick(FIRST_NAMES)}`,
	(r) => `Papelería ${r.pick(SURNAMES)}`
];

/** "Ana Núñez" → "ana.nunez": an address part without accents or spaces. */
const slug = (text: string, sep: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, sep).replace(new RegExp(`^\\${sep}|\\${sep}$`, 'g'), '');

/** A plausible Spanish customer for a real customer code: a person, or (one in four) a shop. Contact details use example.com. */
function customerFor(code: string) {
	const r = random(`customer ${code}`);
	const isShop = r.next() < 0.25;
	const name = isShop ? `${r.pick(SHOP_NAMES)(r)}${r.next() < 0.4 ? ' S.L.' : ''}` : `${r.pick(FIRST_NAMES)} ${r.pick(SURNAMES)} ${r.pick(SURNAMES)}`;
	const local = isShop ? `pedidos.${slug(name.replace(/ S\.L\.$/, ''), '')}` : `${slug(name.split(' ').slice(0, 2).join(' '), '.')}${r.int(1, 99)}`;
	const email = r.next() < 0.7 ? `${local}@example.com` : '';
	const phone = r.next() < 0.8 ? `+34 ${isShop ? r.int(910, 988) : r.int(600, 699)} ${r.int(100, 999)} ${r.int(100, 999)}` : '';
	return { code, name, email, phone };
}

// ---- Deliveries --------------------------------------------------------------------------------

interface Delivery { day: number; quantity: number }
type StockTarget = 'stocked' | 'low' | 'out';

/**
 * Replays a product's real net demand day by day under a reorder-point policy: when stock on hand
 * plus what is on order falls to the reorder point, order a month's demand, which arrives after
 * the supplier's lead time (give or take a day) on the next open day. When a big order would
 * empty the shelf first, the supplier is said to have delivered early: the next order arrives
 * that morning, so stock never goes negative at the end of a day.
 */
function simulateRestock(p: ProductPlan, demand: number[], nextOpenDay: (day: number) => number, opening: number) {
	const rng = random(`restock ${p.code}`);
	const lead = SUPPLIERS[p.supplier].leadTimeDays;
	const deliveries: Delivery[] = [];
	/** Orders placed and not yet received, soonest first. */
	const pending: Delivery[] = [];
	const stock: number[] = [];
	let onHand = opening;
	const receive = (day: number, quantity: number) => { onHand += quantity; deliveries.push({ day, quantity }); };
	for (let day = 0; day < demand.length; day++) {
		while (pending.length && pending[0].day <= day) receive(day, pending.shift()!.quantity);
		while (demand[day] > onHand) {
			const shortfall = roundUpTo(demand[day] - onHand, p.packSize);
			receive(day, Math.max(pending.shift()?.quantity ?? p.orderQty, shortfall));
		}
		onHand -= demand[day];
		stock.push(onHand);
		const position = onHand + pending.reduce((a, d) => a + d.quantity, 0);
		if (position <= p.reorderPoint) {
			pending.push({ day: nextOpenDay(day + lead + rng.int(-1, 1)), quantity: roundUpTo(p.orderQty + p.reorderPoint - position, p.packSize) });
			pending.sort((a, b) => a.day - b.day);
		}
	}
	return { deliveries, stock };
}

/**
 * Brings the last day's stock to the product's target by trimming or topping up its latest
 * deliveries, never letting stock go below zero on any day after the one changed.
 */
function settleFinalStock(p: ProductPlan, target: StockTarget, sim: { deliveries: Delivery[]; stock: number[] }, topUpDay: number) {
	const { deliveries, stock } = sim;
	const r = random(`target ${p.code}`);
	const final = () => stock[stock.length - 1];
	let wanted = final();
	if (target === 'out') wanted = 0;
	if (target === 'low' && (final() <= 0 || final() > p.reorderPoint)) wanted = Math.max(1, Math.floor(p.reorderPoint * r.between(0.3, 0.8)));
	if (target === 'stocked' && final() <= p.reorderPoint) wanted = p.reorderPoint + roundUpTo(p.orderQty * r.between(0.25, 0.75), p.packSize);
	const shift = (from: number, delta: number) => { for (let d = from; d < stock.length; d++) stock[d] += delta; };
	if (wanted > final()) {
		// The latest delivery brings more, or a late one is added.
		let last = deliveries[deliveries.length - 1];
		if (!last || last.day < topUpDay - 14) deliveries.push((last = { day: topUpDay, quantity: 0 }));
		const extra = roundUpTo(wanted - final(), p.packSize);
		last.quantity += extra;
		shift(last.day, extra);
	}
	for (let i = deliveries.length - 1; i >= 0 && final() > wanted; i--) {
		const d = deliveries[i];
		const headroom = Math.min(...stock.slice(d.day));
		let cut = Math.min(d.quantity, headroom, final() - wanted);
		if (target !== 'out') cut = Math.floor(cut / p.packSize) * p.packSize;
		if (cut <= 0) continue;
		d.quantity -= cut;
		shift(d.day, -cut);
	}
	sim.deliveries = deliveries.filter((d) => d.quantity > 0);
}

// ---- Putting it together -----------------------------------------------------------------------

function build(): DemoBundle {
	const { lines, startDate } = readSaleLines(SOURCE);
	const plans = planProducts(lines);
	const productIndex = new Map(plans.map((p, i) => [p.code, i]));
	const sales = collectSales(lines, productIndex);

	const lastDay = Math.floor(sales[sales.length - 1].minute / 1440);
	const openDays = new Set(sales.map((s) => Math.floor(s.minute / 1440)));
	const nextOpenDay = (day: number) => {
		for (let d = Math.max(day, 1); d <= lastDay; d++) if (openDays.has(d)) return d;
		return Infinity;
	};
	const demand = plans.map(() => new Array<number>(lastDay + 1).fill(0));
	for (const s of sales) for (const l of s.lines) demand[productIndex.get(l.code)!][Math.floor(s.minute / 1440)] += l.quantity;

	// Which products end low or out is chosen by a hash of their code: about 10% low, 4% out.
	const ranked = [...plans].sort((a, b) => hash(`state ${a.code}`) - hash(`state ${b.code}`)).map((p) => p.code);
	const targetOf = (code: string): StockTarget => {
		const rank = ranked.indexOf(code);
		return rank < Math.round(PRODUCT_COUNT * 0.04) ? 'out' : rank < Math.round(PRODUCT_COUNT * 0.14) ? 'low' : 'stocked';
	};
	const openingStock = plans.map((p) => p.reorderPoint + p.orderQty);
	const restock = plans.map((p, i) => {
		const sim = simulateRestock(p, demand[i], nextOpenDay, openingStock[i]);
		settleFinalStock(p, targetOf(p.code), sim, nextOpenDay(lastDay - 3));
		return sim;
	});

	const customerCodes = [...new Set(sales.map((s) => s.customer).filter((c) => c !== ''))].sort((a, b) => Number(a) - Number(b));
	const customerIndex = new Map(customerCodes.map((c, i) => [c, i]));
	const customers = customerCodes.map(customerFor);

	const bundle: DemoBundle = {
		format: DEMO_FORMAT, version: DEMO_VERSION, startDate,
		suppliers: {
			name: SUPPLIERS.map((s) => s.name), contact: SUPPLIERS.map((s) => s.contact),
			email: SUPPLIERS.map((s) => `pedidos.${s.mailbox}@example.com`), phone: SUPPLIERS.map((s) => s.phone),
			leadTimeDays: SUPPLIERS.map((s) => s.leadTimeDays)
		},
		products: {
			sku: plans.map((p) => p.code), barcode: plans.map((p) => p.barcode), name: plans.map((p) => p.name),
			category: plans.map((p) => p.category), unitPrice: plans.map((p) => p.unitPrice), unitCost: plans.map((p) => p.unitCost),
			supplier: plans.map((p) => p.supplier), reorderPoint: plans.map((p) => p.reorderPoint),
			minOrderQty: plans.map((p) => p.packSize), packSize: plans.map((p) => p.packSize), openingStock
		},
		customers: {
			code: customers.map((c) => c.code), name: customers.map((c) => c.name),
			email: customers.map((c) => c.email), phone: customers.map((c) => c.phone)
		},
		sales: { invoice: [], minute: [], customer: [], lineCount: [] },
		lines: { product: [], quantity: [], unitPrice: [] },
		deliveries: { day: [], supplier: [], reference: [], lineCount: [] },
		deliveryLines: { product: [], quantity: [] }
	};
	let previousMinute = 0;
	for (const s of sales) {
		bundle.sales.invoice.push(s.invoice);
		bundle.sales.minute.push(s.minute - previousMinute);
		previousMinute = s.minute;
		bundle.sales.customer.push(s.customer === '' ? -1 : customerIndex.get(s.customer)!);
		bundle.sales.lineCount.push(s.lines.length);
		for (const l of s.lines) {
			bundle.lines.product.push(productIndex.get(l.code)!);
			bundle.lines.quantity.push(l.quantity);
			bundle.lines.unitPrice.push(toCents(l.price));
		}
	}
	addDeliveryNotes(bundle, plans, restock.map((r) => r.deliveries));
	return bundle;
}

/** One delivery note per supplier and day, numbered per supplier, listing that day's products. */
function addDeliveryNotes(bundle: DemoBundle, plans: ProductPlan[], deliveries: Delivery[][]) {
	const notes = new Map<string, { day: number; supplier: number; lines: [number, number][] }>();
	deliveries.forEach((list, product) => {
		for (const d of list) {
			const key = `${d.day}|${plans[product].supplier}`;
			if (!notes.has(key)) notes.set(key, { day: d.day, supplier: plans[product].supplier, lines: [] });
			notes.get(key)!.lines.push([product, d.quantity]);
		}
	});
	const numbers = SUPPLIERS.map((_, i) => 1000 + (hash(`notes ${i}`) % 9000));
	for (const note of [...notes.values()].sort((a, b) => a.day - b.day || a.supplier - b.supplier)) {
		bundle.deliveries.day.push(note.day);
		bundle.deliveries.supplier.push(note.supplier);
		bundle.deliveries.reference.push(`ALB-${SUPPLIERS[note.supplier].code}-${numbers[note.supplier]++}`);
		bundle.deliveries.lineCount.push(note.lines.length);
		for (const [product, quantity] of note.lines) {
			bundle.deliveryLines.product.push(product);
			bundle.deliveryLines.quantity.push(quantity);
		}
	}
}

/** What a reviewer wants to know about the file: sizes, counts and how the shelves end. */
function summary(bundle: DemoBundle) {
	const p = bundle.products;
	const stock = p.openingStock.slice();
	bundle.lines.product.forEach((i, l) => (stock[i] -= bundle.lines.quantity[l]));
	bundle.deliveryLines.product.forEach((i, l) => (stock[i] += bundle.deliveryLines.quantity[l]));
	const out = stock.filter((s) => s <= 0).length;
	const low = stock.filter((s, i) => s > 0 && s <= p.reorderPoint[i]).length;
	const categories = new Map<string, number>();
	for (const c of p.category) categories.set(c, (categories.get(c) ?? 0) + 1);
	return {
		bytes: statSync(OUTPUT).size, products: p.sku.length, customers: bundle.customers.code.length,
		sales: bundle.sales.invoice.length, saleLines: bundle.lines.product.length,
		returnLines: bundle.lines.quantity.filter((q) => q < 0).length,
		deliveries: bundle.deliveries.day.length, deliveryLines: bundle.deliveryLines.product.length,
		endStock: { out, low, stocked: p.sku.length - out - low }, categories: Object.fromEntries(categories)
	};
}

const bundle = validateDemoBundle(JSON.parse(JSON.stringify(build())));
mkdirSync(dirname(OUTPUT), { recursive: true });
writeFileSync(OUTPUT, JSON.stringify(bundle));
console.log(summary(bundle));
