// inventario backup --out FILE and inventario restore FILE: the whole store as one file, and back.
import { readFileSync } from 'node:fs';
import { BackupError, createBackup, restoreBackup } from '../../core/backup';
import type { InventoryRepository, StoreCounts } from '../../core/repository';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';
import { writeParts } from './export';

const describeCounts = (c: StoreCounts) =>
	`${c.products} products, ${c.suppliers} suppliers, ${c.customers} customers, ${c.saleLines} sale lines (${c.sales} sales) and ${c.movements} stock movements`;

export const backupCommand: Command = {
	name: 'backup',
	summary: 'Save the whole store (everything) as one backup file',
	usage: `inventario backup --out FILE [--json] [--db FILE]

  Writes products, suppliers, customers, every sale line, the stock ledger and settings as one
  JSON file that "inventario restore" or the app's Data page ("Restaurar copia") restores.
  --out FILE  the backup file to write (required)
  --json      machine-readable summary
  --db FILE   SQLite file (default ./inventario.db)`,
	options: { out: { type: 'string' }, json: { type: 'boolean' } },
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length) throw new UsageError(`unexpected ${positionals.join(' ')}; give the file with --out FILE`);
		if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out FILE is required');
		const { parts, counts } = await createBackup(repo);
		writeParts(values.out, parts);
		if (values.json) printJson({ file: values.out, ...counts }, out);
		else out(`Backed up ${describeCounts(counts)} to ${values.out}.`);
		return 0;
	}
};

export const restoreCommand: Command = {
	name: 'restore',
	summary: 'Restore a backup file into an empty store',
	usage: `inventario restore FILE [--json] [--db FILE]

  Checks the whole file first (a damaged or foreign file is refused with the reason, nothing
  written), then restores it. Only into an empty store: use a new --db file.
  --json      machine-readable summary
  --db FILE   SQLite file (default ./inventario.db)`,
	options: { json: { type: 'boolean' } },
	async run(repo: InventoryRepository, argv: string[], out) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length !== 1) throw new UsageError('give exactly one backup FILE');
		const [file] = positionals;
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch (e) {
			throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
		}
		try {
			const counts = await restoreBackup(repo, text);
			if (values.json) printJson({ file, ...counts }, out);
			else out(`Restored ${describeCounts(counts)} from ${file}.`);
			return 0;
		} catch (e) {
			if (e instanceof BackupError) throw new Error(`${file}: ${e.message}`);
			throw e;
		}
	}
};
