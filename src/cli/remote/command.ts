// Commands that need no local store, only the terminal and the session: login and logout.
import type { OptionSpec } from '../args';
import type { CliIo } from './io';

export interface SessionCommand {
	name: string;
	summary: string;
	usage: string;
	options: OptionSpec;
	runSession(argv: string[], out: (line: string) => void, io: CliIo): Promise<number>;
}
