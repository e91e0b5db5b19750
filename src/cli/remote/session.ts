// Which server a command talks to and with what tokens: the logged-in session (its file is
// rewritten whenever a refresh rotates the tokens), checked against --server when given.
import { HttpClient, normalizeServer, SessionExpired, type Tokens } from '../../client/api-client';
import { readSession, writeSession, type Session } from './config';
import type { CliIo } from './io';

export const loginHint = (server: string) => `run inventario login --server ${server}`;

/** A client for the logged-in session, against --server when given (it must be the session's). */
export function sessionClient(io: CliIo, server?: string): { client: HttpClient; session: Session } {
	const session = readSession(io.env);
	const wanted = server === undefined ? undefined : normalizeServer(server);
	if (!session) throw new SessionExpired(wanted ?? '', `not logged in: ${loginHint(wanted ?? 'URL')}`);
	if (wanted !== undefined && normalizeServer(session.server) !== wanted) {
		throw new SessionExpired(wanted, `not logged in to ${wanted} (the session is for ${session.server}): ${loginHint(wanted)}`);
	}
	let current = session;
	const client = new HttpClient({
		server: session.server,
		fetch: io.fetch,
		tokens: {
			load: () => current,
			save: (tokens: Tokens) => {
				current = { ...current, ...tokens };
				writeSession(current, io.env);
			}
		}
	});
	return { client, session };
}
