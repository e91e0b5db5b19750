// SqlRepository: the storage contract on SQLite and PostgreSQL, blocks rebuilt exactly from rows,
// duplicates refused whole, and the paged queries the server uses.
import { repositoryContract } from './repository-contract';
import { freshRepository, postgresUrl } from '../support/sql-databases';

repositoryContract('SQL (SQLite)', () => freshRepository('sqlite'));
if (postgresUrl) repositoryContract('SQL (PostgreSQL)', () => freshRepository('postgres'));
