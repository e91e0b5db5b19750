// inventario logout: revokes the session's refresh token on the server (best effort: an
// unreachable server does not keep the tokens on this machine) and deletes the session file.
import { logout } from '../../client/auth';
import { parseCommandArgs, UsageError } from '../args';
import { deleteSession, readSession } from '../remote/config';
import type { SessionCommand } from '../remote/command';
import { remoteFailure } from '../remote/dispatch';
import { sessionClient } from '../remote/session';

export const logoutCommand: SessionCommand = {
	name: 'logout',
	summary: 'Sign out of the shop server and forget the session',
	usage: `inventario logout

  Revokes the session's refresh token on the server and deletes the session file; commands then
  run on the local store (--db FILE) again.`,
	options: {},
	async runSession(argv, out, io) {
		const { positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
		const session = readSession(io.env);
		if (!session) {
			out('Not logged in.');
			return 0;
		}
		let told: string | null = null;
		try {
			await logout(sessionClient(io).client);
		} catch (e) {
			told = remoteFailure(e) ?? (e as Error).message;
		}
		deleteSession(io.env);
		out(told === null ? `Logged out of ${session.server}.` : `Logged out here; the server was not told (${told}), so the session's refresh token stays valid there until it expires.`);
		return 0;
	}
};
