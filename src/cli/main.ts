// Entry point of `inventario`: picks the command and runs it on the local store (a SQLite file,
// or PostgreSQL when DATABASE_URL is set or --db is a postgres:// URL) or against a shop server
// (--server URL, or the session `inventario login` keeps), and reports errors clearly.
import { databaseTarget, ensureShop, DEFAULT_SHOP_CODE, openDatabase, type DatabaseTarget } from '../sql/open';
import { SqlRepository } from '../sql/sql-repository';
import { ensureDeviceId } from '../core/device';
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
import { serveCommand } from './commands/serve';
import { userCommand } from './commands/user';
import { loginCommand } from './commands/login';
import { logoutCommand } from './commands/logout';
import { sellCommand } from './commands/sell';
import { syncCommand } from './commands/sync';
import type { SessionCommand } from './remote/command';
import { remoteFailure, remoteTarget, runRemote } from './remote/dispatch';
import { REMOTE_FORMS } from './remote/forms';
import { defaultIo, type CliIo } from './remote/io';

export const COMMANDS: Command[] = [demoCommand, importCommand, sellCommand, stockCommand, exportCommand, backupCommand, restoreCommand, forecastCommand, backtestCommand, trendsCommand, recommendCommand, segmentsCommand, reorderCommand, healthCommand, alertsCommand, syncCommand, serveCommand, userCommand];
/** Commands of the session with a server, which open no store. */
export const SESSION_COMMANDS: SessionCommand[] = [loginCommand, logoutCommand];

/** Commands that set up or run the server on its database, which is no device. */
const SERVER_SIDE = new Set(['serve', 'user']);

const localOnly = COMMANDS.filter((c) => !REMOTE_FORMS[c.name] && !c.device).map((c) => c.name);

const HELP = `inventario — Smart Inventory from the terminal (same rules as the app)

Usage: inventario <command> [options] [--db FILE | --server URL]

Commands:
${[...COMMANDS, ...SESSION_COMMANDS].map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Every command accepts --db FILE (default ./inventario.db; DATABASE_URL=postgres://… selects
PostgreSQL) and --help. After "inventario login --server URL", commands run against that shop
server, with the same output, until "inventario logout" (--db FILE runs one locally);
--server URL runs one against a server. These run locally only: ${localOnly.join(', ')}.
sync makes the local store one of the shop's devices, like a tablet: it sends the store's sales
and changes to the server (logged in to, or --server URL) and brings back the shop's.`;

const SERVER_HELP = `
  --server URL  run against a shop server (inventario login first); default with a session`;

export async function main(argv: string[], out: (line: string) => void = console.log, err: (line: string) => void = console.error, io: CliIo = defaultIo()): Promise<number> {
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		out(HELP);
		return name === undefined ? 2 : 0;
	}
	const command = COMMANDS.find((c) => c.name === name) ?? SESSION_COMMANDS.find((c) => c.name === name);
	if (!command) {
		err(`inventario: unknown command "${name}". Run "inventario --help" for the list.`);
		return 2;
	}
	let repo: SqlRepository | undefined;
	try {
		const { values } = parseCommandArgs(rest, command.options);
		if (values.help) {
			out(command.usage + (REMOTE_FORMS[command.name] ? SERVER_HELP : ''));
			return 0;
		}
		if ('runSession' in command) return await command.runSession(rest, out, io);
		const target = remoteTarget(command, rest, values, io);
		if (target) return await runRemote(command, rest, target, out, io);
		// PostgreSQL when DATABASE_URL is set (as inventario serve); else --db: a SQLite file or a postgres:// URL.
		const url = io.env.DATABASE_URL;
		repo = await openStore(url ? { url } : databaseTarget(String(values.db)), io.env);
		// A device store has its own id from its first open, as the app's has (src/lib/db): it names the
		// store to the server and stamps its sales and edits. The server's database and its accounts are not a device.
		if (!SERVER_SIDE.has(command.name) && (await repo.syncRole()) === 'device') await ensureDeviceId(repo);
		return await command.run(repo, rest, out, io);
	} catch (e) {
		if (e instanceof UsageError) {
			err(`inventario ${name}: ${e.message}\n\n${command.usage}`);
			return 2;
		}
		err(`inventario ${name}: ${remoteFailure(e) ?? (e as Error).message}`);
		return 1;
	} finally {
		await repo?.close();
	}
}

/**
 * The local store on the default shop. INVENTARIO_CLOCK_OFFSET_MS (milliseconds, may be negative)
 * runs the store's clock that far off the real one, for its edit stamps and its sales' times: how
 * tests make a device whose clock is hours off. Not for shops.
 */
export async function openStore(target: DatabaseTarget, env: NodeJS.ProcessEnv): Promise<SqlRepository> {
	const offset = env.INVENTARIO_CLOCK_OFFSET_MS;
	if (offset === undefined || offset === '') return SqlRepository.open(target);
	const ms = Number(offset);
	if (!Number.isFinite(ms)) throw new UsageError(`INVENTARIO_CLOCK_OFFSET_MS must be a number of milliseconds, got "${offset}"`);
	const sql = await openDatabase(target);
	try {
		const shop = await ensureShop(sql, DEFAULT_SHOP_CODE);
		return new SqlRepository(sql, shop.id, true, { wall: () => Date.now() + ms });
	} catch (e) {
		await sql.close();
		throw e;
	}
}
