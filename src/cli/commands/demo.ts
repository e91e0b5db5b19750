// inventario demo [--db FILE] [--json]: loads the bundled sample shop into an empty SQLite store.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateDemoBundle } from '../../core/demo-bundle';
import { loadDemo } from '../../core/demo-load';
import { ensureDeviceId } from '../../core/device';
import type { InventoryRepository } from '../../core/repository';
import { today } from '../../core/time';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';

const BUNDLE = fileURLToPath(new URL('../../../static/demo/demo-shop.json', import.meta.url));

export const demoCommand: Command = {
	name: 'demo',
	summary: 'Load the sample shop (150 products, 10 months of sales) into an empty store',
	usage: `inventario demo [--json] [--db FILE]

  Loads the same sample shop the app offers ("Cargar datos de ejemplo"), dated so that its last
  sales day falls in the past week. Refuses to load into a store that already has products.
  --json     machine-readable summary
  --db FILE  SQLite file (default ./inventario.db)`,
	options: { json: { type: 'boolean' } },
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values } = parseCommandArgs(argv, this.options);
		const bundle = validateDemoBundle(JSON.parse(readFileSync(BUNDLE, 'utf8')));
		const deviceId = await ensureDeviceId(repo);
		const started = performance.now();
		const result = await loadDemo(repo, bundle, { today: today(), deviceId });
		const seconds = (performance.now() - started) / 1000;
		if (values.json) printJson({ ...result, seconds: Number(seconds.toFixed(2)) }, out);
		else out(`Loaded ${result.products} products, ${result.suppliers} suppliers, ${result.customers} customers and ${result.saleLines} sale lines (${result.sales} sales) in ${seconds.toFixed(1)} s into ${String(values.db)}.`);
		return 0;
	}
};
