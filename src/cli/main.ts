// Entry point of `inventario`: picks the command, opens the store (a SQLite file, or PostgreSQL when
// --db is a postgres:// URL), reports errors clearly.
import { SqlRepository } from '../sql/sql-repository';
import { parseCommandArgs, UsageError } from './args';
import type { Command } from './command';
import { backupCommand, restoreCommand } from './commands/backup';
import { demoCommand } from './commands/demo';
import { importCommand } from './commands/import';
import { exportCommand } from './commands/export';
import { stockCommand } from './commands/stock';
import { forecastCommand } from './commands/forecast';
import { backtestCommand } from './commands/backtest';
import { trendsCommand } from './commands/trends';
import { reorderCommand } from './commands/reorder';
import { recommendCommand } from './commands/recommend';
import { segmentsCommand } from './commands/segments';
import { healthCommand } from './commands/health';
import { alertsCommand } from './commands/alerts';

export const COMMANDS: Command[] = [demoCommand, importCommand, stockCommand, exportCommand, backupCommand, restoreCommand, forecastCommand, backtestCommand, trendsCommand, recommendCommand, segmentsCommand, reorderCommand, healthCommand, alertsCommand];

const HELP = `inventario — Smart Inventory from the terminal (same rules as the app)

Usage: inventario <command> [options] [--db FILE]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Every command accepts --db FILE (default ./inventario.db) and --help.`;

export async function main(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error): Promise<number> {
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		out(HELP);
		return name === undefined ? 2 : 0;
	}
	const command = COMMANDS.find((c) => c.name === name);
	if (!command) {
		err(`inventario: unknown command "${name}". Run "inventario --help" for the list.`);
		return 2;
	}
	let repo: SqlRepository | undefined;
	try {
		const { values } = parseCommandArgs(rest, command.options);
		if (values.help) {
			out(command.usage);
			return 0;
		}
		repo = await SqlRepository.open(String(values.db));
		return await command.run(repo, rest, out);
	} catch (e) {
		if (e instanceof UsageError) {
			err(`inventario ${name}: ${e.message}\n\n${command.usage}`);
			return 2;
		}
		err(`inventario ${name}: ${(e as Error).message}`);
		return 1;
	} finally {
		await repo?.close();
	}
}
