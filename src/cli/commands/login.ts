// inventario login --server URL [--user NAME] [--password-stdin] [--shop CODE]: signs in to a shop
// server and keeps the session (tokens) in the user's config directory, owner-only; from then on
// every command runs against that server unless it is given --db.
import { HttpClient, normalizeServer } from '../../client/api-client';
import { login, me } from '../../client/auth';
import { parseCommandArgs, UsageError } from '../args';
import { readSession, sessionFile, writeSession, type Session } from '../remote/config';
import type { SessionCommand } from '../remote/command';
import { ask, readHidden, readLine } from '../remote/io';

export const loginCommand: SessionCommand = {
	name: 'login',
	summary: 'Sign in to a shop server; then every command runs against it (see --server)',
	usage: `inventario login --server URL [--user NAME] [--password-stdin] [--shop CODE]

  Signs in to the server \`inventario serve\` runs and keeps the session in
  $XDG_CONFIG_HOME/inventario/session.json (or ~/.config/inventario/; INVENTARIO_CONFIG_DIR
  overrides), readable only by you. Until \`inventario logout\`, every command runs against that
  server (with the same output) unless given --db FILE; the access token is renewed by itself.
  --server URL       the server, e.g. http://localhost:8080 (default: the last one logged in to)
  --user NAME        the account (asked for when absent, on a terminal)
  --password-stdin   read the password from the first line of standard input
                     (otherwise it is asked for on the terminal, without echo)
  --shop CODE        the shop to work on, for an account in several`,
	options: { user: { type: 'string' }, 'password-stdin': { type: 'boolean' }, shop: { type: 'string' } },
	async runSession(argv, out, io) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
		const previous = readSession(io.env);
		const given = typeof values.server === 'string' ? values.server : previous?.server;
		if (given === undefined) throw new UsageError('say which server: --server URL (e.g. http://localhost:8080)');
		let server: string;
		try {
			server = normalizeServer(given);
		} catch (e) {
			throw new UsageError(`--server: ${(e as Error).message}`);
		}
		const terminal = io.stdin.isTTY === true;
		let username = typeof values.user === 'string' ? values.user.trim() : '';
		if (username === '') {
			if (!terminal) throw new UsageError('say which account with --user NAME (there is no terminal to ask on)');
			username = await ask(io, 'User: ');
			if (username === '') throw new UsageError('no user name given');
		}
		let password: string;
		if (values['password-stdin']) password = (await readLine(io.stdin)).replace(/\r$/, '');
		else if (terminal) password = await readHidden(io, `Password for ${username}: `);
		else throw new UsageError('no terminal to ask the password on: pipe it in with --password-stdin');
		if (password === '') throw new UsageError('no password given');

		const client = new HttpClient({ server, fetch: io.fetch });
		const tokens = await login(client, { username, password, ...(typeof values.shop === 'string' ? { shop: values.shop } : {}) });
		const who = await me(new HttpClient({ server, fetch: io.fetch, tokens: { load: () => tokens, save: () => {} } }));
		const session: Session = { server, username: who.username, shop: who.shop, role: who.role, ...tokens };
		writeSession(session, io.env);
		out(`Logged in to ${server} as ${who.username} (shop ${who.shop}, role ${who.role}).`);
		if (previous && normalizeServer(previous.server) !== server) out(`(The session for ${previous.server} was replaced; ${sessionFile(io.env)} holds one session.)`);
		return 0;
	}
};
