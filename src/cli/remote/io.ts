// What the commands that talk to a server read from the terminal: a line (the user name, or the
// password piped with --password-stdin) and a password typed without echo. Injectable, so tests
// drive `inventario login` with a stubbed standard input.
import { createInterface } from 'node:readline';

export interface TerminalInput extends NodeJS.ReadableStream {
	isTTY?: boolean;
	setRawMode?(mode: boolean): unknown;
}

export interface CliIo {
	stdin: TerminalInput;
	/** Where prompts go (standard error, so standard output stays the command's). */
	prompt(text: string): void;
	env: NodeJS.ProcessEnv;
	fetch?: typeof fetch;
}

export const defaultIo = (): CliIo => ({
	stdin: process.stdin,
	prompt: (text) => process.stderr.write(text),
	env: process.env
});

/** One line from the stream (without its line end); '' at the end of the input. */
export function readLine(input: NodeJS.ReadableStream): Promise<string> {
	return new Promise((resolve, reject) => {
		const rl = createInterface({ input, terminal: false });
		let done = false;
		const finish = (line: string) => {
			if (done) return;
			done = true;
			rl.close();
			resolve(line);
		};
		rl.once('line', finish);
		rl.once('close', () => finish(''));
		input.once('error', reject);
	});
}

/** A line typed on the terminal without echo (Enter ends it, Ctrl-C cancels). */
export function readHidden(io: CliIo, label: string): Promise<string> {
	const input = io.stdin;
	if (!input.isTTY || !input.setRawMode) return readLine(input);
	io.prompt(label);
	return new Promise((resolve, reject) => {
		let text = '';
		input.setRawMode!(true);
		input.resume();
		const onData = (chunk: Buffer | string) => {
			for (const ch of String(chunk)) {
				if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish(() => resolve(text));
				if (ch === '\u0003') return finish(() => reject(new Error('cancelled')));
				if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
				else text += ch;
			}
		};
		const finish = (then: () => void) => {
			input.removeListener('data', onData);
			input.setRawMode!(false);
			input.pause();
			io.prompt('\n');
			then();
		};
		input.on('data', onData);
	});
}

/** A visible prompt on the terminal. */
export async function ask(io: CliIo, label: string): Promise<string> {
	io.prompt(label);
	return (await readLine(io.stdin)).trim();
}
