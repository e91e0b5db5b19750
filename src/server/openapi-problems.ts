// Error responses are sent as application/problem+json (problem.ts); the zod provider documents
// every response as application/json, so the document is corrected to say what the wire carries.
type Json = Record<string, unknown>;

export function problemMediaTypes<T extends Json>(document: T): T {
	const paths = (document.paths ?? {}) as Record<string, Record<string, Json>>;
	for (const operations of Object.values(paths)) {
		for (const operation of Object.values(operations)) {
			const responses = (operation.responses ?? {}) as Record<string, Json>;
			for (const [status, response] of Object.entries(responses)) {
				const content = response.content as Record<string, unknown> | undefined;
				if (Number(status) < 400 || !content) continue;
				// A route that produces CSV lists its errors under text/csv too; they are problems all the same.
				const media = content['application/json'] ?? Object.values(content)[0];
				response.content = { 'application/problem+json': media };
			}
		}
	}
	return document;
}
