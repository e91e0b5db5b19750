// Writes a deterministic POS sales export of N lines, in the Online Retail layout, for benches
// and tests: npx tsx scripts/make-sales-csv.ts 1000000 /tmp/sales-1m.csv [--seed 1]
// Same N and seed give byte-identical files. About 3% of invoices are cancellations ("C" + number,
// negative quantities); prices vary a little per line; customers are missing on a fifth of invoices.
import { createWriteStream } from 'node:fs';

export const HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

/** mulberry32: a small, fast, seeded PRNG (public domain). */
function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = ['RED', 'BLUE', 'VINTAGE', 'HEART', 'LANTERN', 'MUG', 'CAKE STAND', 'BAG', 'NIÑO', 'CAMISETA', 'JAR', 'CANDLE', 'SET OF 3', 'GARDEN', 'TIN', 'BOX', 'CARD', 'WRAP', 'CUSHION', 'CLOCK'];
const COUNTRIES = ['United Kingdom', 'United Kingdom', 'United Kingdom', 'Spain', 'France', 'Germany', 'EIRE', 'Netherlands'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The file's lines (without the header), generated lazily. */
export function* salesLines(count: number, seed = 1): Generator<string> {
	const r = rng(seed);
	const products = Array.from({ length: 3000 }, (_, i) => {
		const name = `${WORDS[Math.floor(r() * WORDS.length)]} ${WORDS[Math.floor(r() * WORDS.length)]} ${i}`;
		const quoted = r() < 0.1 ? `"${name}, ASSORTED"` : name;
		return { sku: String(10000 + i) + (r() < 0.2 ? 'A' : ''), name: quoted, price: Math.round(25 + r() * 1500) };
	});
	let invoice = 500000;
	let t = Date.UTC(2022, 0, 3, 8, 0, 0);
	let written = 0;
	while (written < count) {
		invoice++;
		t += Math.floor(r() * 600_000) + 60_000;
		const d = new Date(t);
		if (d.getUTCHours() >= 20) t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1, 8, 0, 0);
		const at = new Date(t);
		const stamp = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:00`;
		const cancelled = r() < 0.03;
		const code = cancelled ? `C${invoice}` : String(invoice);
		const customer = r() < 0.2 ? '' : `${12000 + Math.floor(r() * 4000)}.0`;
		const country = COUNTRIES[Math.floor(r() * COUNTRIES.length)];
		const lines = 1 + Math.floor(r() * r() * 40);
		for (let l = 0; l < lines && written < count; l++, written++) {
			const p = products[Math.floor(r() * r() * products.length)];
			const qty = (cancelled ? -1 : 1) * (1 + Math.floor(r() * 12));
			const price = (p.price + (r() < 0.1 ? 10 : 0)) / 100;
			yield `${code},${p.sku},${p.name},${qty},${stamp},${price},${customer},${country}`;
		}
	}
}

async function main() {
	const [countArg, out, ...rest] = process.argv.slice(2);
	const count = Number(countArg);
	if (!Number.isInteger(count) || count < 1 || !out) {
		console.error('usage: npx tsx scripts/make-sales-csv.ts LINES OUT.csv [--seed N]');
		process.exit(2);
	}
	const seedAt = rest.indexOf('--seed');
	const seed = seedAt >= 0 ? Number(rest[seedAt + 1]) : 1;
	const stream = createWriteStream(out);
	let buffer = HEADER + '\n';
	for (const line of salesLines(count, seed)) {
		buffer += line + '\n';
		if (buffer.length > 1 << 20) {
			if (!stream.write(buffer)) await new Promise<void>((r) => stream.once('drain', () => r()));
			buffer = '';
		}
	}
	stream.end(buffer);
	await new Promise<void>((r) => stream.on('finish', () => r()));
	console.log(`${out}: ${count} lines`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
