// What every CLI command provides: its name, help text, options and what it does.
import type { InventoryRepository } from '../core/repository';
import type { OptionSpec } from './args';
import type { CliIo } from './remote/io';

export interface Command {
	name: string;
	summary: string;
	usage: string;
	options: OptionSpec;
	/**
	 * A command of the store as one of the shop's devices (sync): it runs on the local store and
	 * talks to the server itself, so --server is its own option rather than the remote form.
	 */
	device?: boolean;
	/** Returns the process exit code. `out` prints one line to standard output; `io` is the terminal and the environment. */
	run(repo: InventoryRepository, argv: string[], out: (line: string) => void, io?: CliIo): Promise<number>;
}
