// Vitest global setup: one PostgreSQL server for the whole run, its URL provided to the tests
// (inject('postgresUrl')) and the server stopped at teardown. Without PostgreSQL the PG suites are
// skipped, except on CI (CI set), where that is an error: CI installs the postgresql package.
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startPostgres } from './postgres';

export default async function setup(project: TestProject) {
	if (!findPostgresBin()) {
		const reason = 'PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin; apt-get install postgresql)';
		if (process.env.CI) throw new Error(`${reason}: CI must run the PostgreSQL tests`);
		console.warn(`${reason}: the PostgreSQL test suites are skipped.`);
		project.provide('postgresUrl', null);
		return;
	}
	const server = await startPostgres();
	project.provide('postgresUrl', server.url);
	return () => server.stop();
}
