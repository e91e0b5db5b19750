// Whether a command runs on the local store or against a shop server, and how a remote failure
// reads. Remote when --server URL is given, or when a session exists and --db was not given;
// a command with no remote form given --server is a usage error (it runs locally only).
import { ApiProblem, SessionExpired, Unreachable } from '../../client/api-client';
import { givenOptions, UsageError } from '../args';
import type { Command } from '../command';
import { readSession } from './config';
import { REMOTE_FORMS } from './forms';
import type { CliIo } from './io';
import { loginHint, sessionClient } from './session';

/** The server a command is to run against (undefined: the session's), or null to run locally. */
export function remoteTarget(command: Command, argv: string[], values: Record<string, unknown>, io: CliIo): { server?: string } | null {
	if (command.device) return null;
	if (typeof values.server === 'string') {
		if (!REMOTE_FORMS[command.name]) throw new UsageError(`${command.name} runs locally only (on --db FILE); it has no --server form`);
		if (givenOptions(argv, command.options).has('db')) throw new UsageError('give --db FILE (local) or --server URL (remote), not both');
		return { server: values.server };
	}
	if (!REMOTE_FORMS[command.name] || givenOptions(argv, command.options).has('db')) return null;
	return readSession(io.env) ? {} : null;
}

export function runRemote(command: Command, argv: string[], target: { server?: string }, out: (line: string) => void, io: CliIo): Promise<number> {
	const { client } = sessionClient(io, target.server);
	return REMOTE_FORMS[command.name]!(client, argv, out, io);
}

/** The line a remote failure prints (after "inventario NAME: "), or null for other errors. */
export function remoteFailure(e: unknown): string | null {
	if (e instanceof ApiProblem) return e.message;
	if (e instanceof Unreachable) return unreachableText(e);
	if (e instanceof SessionExpired) return e.detail.startsWith('not logged in') ? e.detail : `session expired: ${loginHint(e.server)}`;
	return null;
}

/** A certificate or a host name the problem: say which; refused, reset or timed out: is the server up? */
function unreachableText(e: Unreachable): string {
	const cause = (e.cause as { cause?: { code?: string; message?: string } } | undefined)?.cause;
	const code = cause?.code ?? '';
	if (/CERT|SSL|TLS/.test(code)) return `cannot reach ${e.server}: ${cause!.message} (for a certificate of your own, run with NODE_EXTRA_CA_CERTS=cert.pem)`;
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot reach ${e.server}: ${cause!.message}`;
	return `cannot reach ${e.server}: is inventario serve running?`;
}
