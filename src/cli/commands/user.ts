// inventario user add|list|disable|enable|reset-password: the server's accounts, straight on its
// database (the operator's tool: the first admin is made here).
import type { InventoryRepository } from '../../core/repository';
import { NotFoundError } from '../../core/repository';
import type { SqlDatabase } from '../../sql/database';
import { DEFAULT_SHOP_CODE } from '../../sql/open';
import { SqlRepository } from '../../sql/sql-repository';
import { AccountError, checkPassword, checkRole, checkUsername, createUser, disableUser, enableUser, listUsers, requireShop, resetPassword } from '../../server/auth/accounts';
import { DEFAULT_OPTIONS } from '../../server/context';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson, printTable } from '../output';
import { defaultIo, readHidden, readLine, type CliIo } from '../remote/io';

const USAGE = `inventario user <add|list|disable|enable|reset-password> ... [--db FILE]

  user add NAME --role admin|staff [--shop CODE] [--password-stdin]
                  make an account (or give an existing one this role in the shop);
                  --shop names the shop (default "${DEFAULT_SHOP_CODE}", created if new)
  user list [--shop CODE] [--json]
                  every account and its role in each shop (or in one shop)
  user disable NAME        the account cannot sign in; its tablets are signed out at once
  user enable NAME
  user reset-password NAME [--password-stdin]
                  a new password; every session of the account is signed out

  --password-stdin  read the password from the first line of standard input; without it the
                    password is asked twice on the terminal, without echo
  --db FILE         SQLite file (default ./inventario.db); DATABASE_URL selects PostgreSQL`;

/** The SQL store under the repository the CLI opened; the accounts live only there. */
export function sqlOf(repo: InventoryRepository): SqlDatabase {
	if (!(repo instanceof SqlRepository)) throw new Error('this command needs the SQL store (SQLite file or PostgreSQL); it got another repository');
	return repo.sql;
}

export interface UserCommandSettings {
	io?: () => CliIo;
	/** scrypt cost; the server's default unless a test lowers it. */
	passwordLogN?: number;
}

/** The new password: the first line of standard input, or typed twice on a terminal. */
async function newPassword(io: CliIo, fromStdin: boolean): Promise<string> {
	let password: string;
	if (fromStdin) {
		password = await readLine(io.stdin);
		if (password === '') throw new Error('--password-stdin: standard input had no password');
	} else {
		if (!io.stdin.isTTY) throw new Error('no terminal to ask the password on: pipe it in with --password-stdin');
		password = await readHidden(io, 'Password: ');
		const again = await readHidden(io, 'Password again: ');
		if (again !== password) throw new Error('the two passwords differ; nothing was changed');
	}
	checkPassword(password);
	return password;
}

function oneName(positionals: string[], action: string): string {
	if (positionals.length !== 1) throw new UsageError(`user ${action} takes one NAME, got ${positionals.length}`);
	return positionals[0];
}

export function makeUserCommand(settings: UserCommandSettings = {}): Command {
	const logN = settings.passwordLogN ?? DEFAULT_OPTIONS.passwordLogN;
	const hashOptions = { passwordLogN: logN };
	return {
		name: 'user',
		summary: "The server's accounts: add, list, disable, enable, reset-password",
		usage: USAGE,
		options: { role: { type: 'string' }, shop: { type: 'string' }, 'password-stdin': { type: 'boolean' }, json: { type: 'boolean' } },
		async run(repo: InventoryRepository, argv: string[], out, given?: CliIo) {
			const { values, positionals } = parseCommandArgs(argv, this.options);
			const [action, ...rest] = positionals;
			const fromStdin = values['password-stdin'] === true;
			const io = settings.io ? settings.io() : given ?? defaultIo();
			if (action === undefined) throw new UsageError('which one: add, list, disable, enable or reset-password?');
			const sql = sqlOf(repo);
			try {
				switch (action) {
					case 'add': {
						const name = oneName(rest, 'add');
						if (typeof values.role !== 'string') throw new UsageError('user add needs --role admin or --role staff');
						checkUsername(name);
						checkRole(values.role);
						const shopCode = typeof values.shop === 'string' ? values.shop : DEFAULT_SHOP_CODE;
						const exists = (await listUsers(sql)).some((u) => u.username === name);
						const password = exists ? undefined : await newPassword(io, fromStdin);
						const made = await createUser(sql, { username: name, password, role: values.role, shopCode, ifExists: 'join' }, hashOptions);
						if (made.created) out(`Made user ${name}: ${made.role} of shop ${made.shopCode}.`);
						else if (made.previousRole === made.role) out(`User ${name} is already ${made.role} of shop ${made.shopCode}; nothing changed.`);
						else out(`User ${name} exists: now ${made.role} of shop ${made.shopCode}${made.previousRole ? ` (was ${made.previousRole})` : ''}. Password unchanged: "inventario user reset-password ${name}" sets a new one.`);
						return 0;
					}
					case 'list': {
						if (rest.length > 0) throw new UsageError('user list takes no NAME');
						const shop = typeof values.shop === 'string' ? await requireShop(sql, values.shop) : undefined;
						const rows = (await listUsers(sql, shop?.id)).map((u) => ({
							username: u.username, shop: u.shopCode ?? '', role: u.role ?? '', status: u.disabled ? 'disabled' : 'enabled',
							created: new Date(u.createdAt).toISOString().slice(0, 10)
						}));
						if (values.json) printJson(rows, out);
						else if (rows.length === 0) out(`No users${shop ? ` in shop ${shop.code}` : ''}. Make the first admin with: inventario user add NAME --role admin`);
						else printTable(rows, ['username', 'shop', 'role', 'status', 'created'], out);
						return 0;
					}
					case 'disable': {
						const name = oneName(rest, 'disable');
						await disableUser(sql, name);
						out(`User ${name} is disabled: it cannot sign in and its sessions are signed out.`);
						return 0;
					}
					case 'enable': {
						const name = oneName(rest, 'enable');
						await enableUser(sql, name);
						out(`User ${name} is enabled.`);
						return 0;
					}
					case 'reset-password': {
						const name = oneName(rest, 'reset-password');
						if (!(await listUsers(sql)).some((u) => u.username === name)) throw new NotFoundError('user', name);
						await resetPassword(sql, name, await newPassword(io, fromStdin), hashOptions);
						out(`New password for ${name}; its sessions are signed out.`);
						return 0;
					}
					default:
						throw new UsageError(`unknown action "${action}": add, list, disable, enable or reset-password`);
				}
			} catch (e) {
				if (e instanceof AccountError) throw new Error(`${e.field} ${e.reason}`);
				if (e instanceof NotFoundError) throw new Error(`no ${e.entity} "${e.id}"`);
				throw e;
			}
		}
	};
}

export const userCommand: Command = makeUserCommand();
