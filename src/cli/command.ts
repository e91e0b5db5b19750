// What every CLI command provides: its name, help text, options and what it does.
import type { InventoryRepository } from '../core/repository';
import type { OptionSpec } from './args';

export interface Command {
	name: string;
	summary: string;
	usage: string;
	options: OptionSpec;
	/** Returns the process exit code. `out` prints one line to standard output. */
	run(repo: InventoryRepository, argv: string[], out: (line: string) => void): Promise<number>;
}
