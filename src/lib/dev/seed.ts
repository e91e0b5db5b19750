// Development aid: fills the app's IndexedDB with a small shop through the real use cases.
// In `vite dev`, a Playwright script can run it with
//   await page.evaluate(() => import('/src/lib/dev/seed.ts').then((m) => m.seedSmallShop()))
// It is not imported by any page, so it never ships in the build.
import type { Cents, CustomerId, ProductId } from '$core/brand';
import { emptyProductForm, saveCustomer, saveProduct, saveSupplier, emptyCustomerForm, emptySupplierForm } from '$core/catalog';
import { MS_PER_DAY, nowLocal } from '$core/time';
import type { LocalTimestamp } from '$core/brand';
import { recordSale } from '$core/selling';
import { movement } from '$core/ledger';
import { getDeviceId, getRepository } from '$lib/db';

export async function seedSmallShop(): Promise<{ products: number; sales: number }> {
	const repo = getRepository();
	const deviceId = await getDeviceId(repo);
	const suppliers = [];
	for (const [name, lead] of [['Textiles del Sur', '10'], ['Bisutería Luna', '5'], ['Calzados Ribera', '14']] as const) {
		const r = await saveSupplier(repo, { ...emptySupplierForm(), name, contact: 'Ana Pérez', email: `pedidos@${name.split(' ')[0].toLowerCase()}.es`, phone: '+34 600 000 000', defaultLeadTimeDays: lead });
		if (r.ok) suppliers.push(r.value);
	}
	const catalog: [string, string, string, string, string][] = [
		['CAM-001', 'Camiseta niño algodón', 'Ropa', '12,50', '5,10'],
		['CAM-002', 'Camiseta mujer lino', 'Ropa', '24,90', '10,20'],
		['PAN-010', 'Pantalón vaquero', 'Ropa', '39,95', '18,00'],
		['VES-020', 'Vestido estampado', 'Ropa', '49,00', '21,50'],
		['COL-100', 'Collar plata luna', 'Bisutería', '18,00', '6,00'],
		['PEN-101', 'Pendientes aro dorado', 'Bisutería', '9,95', '3,20'],
		['PUL-102', 'Pulsera cuero trenzado', 'Bisutería', '14,50', '4,80'],
		['ZAP-200', 'Zapatilla lona blanca', 'Calzado', '34,90', '15,00'],
		['SAN-201', 'Sandalia piel marrón', 'Calzado', '44,00', '20,00'],
		['BOL-300', 'Bolso tote algodón', 'Accesorios', '19,90', '7,50']
	];
	const products = [];
	for (const [i, [sku, name, category, price, cost]] of catalog.entries()) {
		const supplier = suppliers[category === 'Bisutería' ? 1 : category === 'Calzado' ? 2 : 0];
		const r = await saveProduct(repo, {
			...emptyProductForm(), sku, name, category, unitPrice: price, unitCost: cost, supplierId: supplier.id,
			reorderPoint: String(3 + (i % 4)), barcode: ''
		});
		if (r.ok) products.push(r.value);
	}
	// The opening delivery predates the sixty days of sales, so stock never dips below zero.
	const opening = (nowLocal() - 61 * MS_PER_DAY) as LocalTimestamp;
	await repo.addMovements(products.map((p) => movement(p.id, 20, 'purchase', opening, deviceId, 'ALB-0001')));
	const customers = [];
	for (const [code, name] of [['C001', 'María García'], ['C002', 'José Martínez'], ['C003', 'Lucía Fernández']]) {
		const r = await saveCustomer(repo, { ...emptyCustomerForm(), code, name, email: '', phone: '' });
		if (r.ok) customers.push(r.value);
	}
	// Sixty days of sales ending now, a few tickets a day.
	let sales = 0;
	const now = nowLocal();
	for (let d = 59; d >= 0; d--) {
		for (let k = 0; k < 1 + (d % 3); k++) {
			const p = products[(d * 7 + k * 3) % products.length];
			const q = products[(d * 5 + k) % products.length];
			const at = (now - d * MS_PER_DAY - k * 3_600_000) as LocalTimestamp;
			const customerId: CustomerId | null = k === 0 ? customers[d % customers.length].id : null;
			const lines = [{ productId: p.id as ProductId, quantity: 1, unitPrice: p.unitPrice, discount: 0 as Cents }];
			if (q.id !== p.id) lines.push({ productId: q.id, quantity: 1 + (d % 2), unitPrice: q.unitPrice, discount: 0 as Cents });
			await recordSale(repo, { customerId, lines, at }, deviceId);
			sales++;
		}
	}
	return { products: products.length, sales };
}
