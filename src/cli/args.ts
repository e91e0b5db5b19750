// Argument parsing shared by every command: options in any order after the command name,
// `--help` everywhere, and a clear error (exit code 2) for anything unknown.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** What every command accepts: the local store, a shop server instead, and --help. */
export const DB_OPTION: OptionSpec = { db: { type: 'string', default: './inventario.db' }, server: { type: 'string' }, help: { type: 'boolean', short: 'h' } };

export function parseCommandArgs(argv: string[], options: OptionSpec) {
	try {
		const { values, positionals } = parseArgs({ args: argv, options: { ...DB_OPTION, ...options }, allowPositionals: true, strict: true });
		return { values: values as Record<string, string | boolean | undefined>, positionals };
	} catch (e) {
		throw new UsageError((e as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
	}
}

/** Whether the options were given in argv itself (not a default): e.g. an explicit --db. */
export function givenOptions(argv: string[], options: OptionSpec): Set<string> {
	try {
		const { tokens } = parseArgs({ args: argv, options: { ...DB_OPTION, ...options }, allowPositionals: true, strict: false, tokens: true });
		return new Set(tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : [])));
	} catch {
		return new Set();
	}
}
