// Helpers every SQL store shares: multi-row inserts cut under the dialect's parameter limit, lists
// of keys cut the same way, unique-key violations recognised on both dialects, and JSON that keeps
// NaN and infinities (what structured clone keeps in the app's IndexedDB).
import { sql as raw, type InsertQueryBuilder, type Insertable, type OnConflictBuilder, type OnConflictDoNothingBuilder, type OnConflictUpdateBuilder, type RawBuilder } from 'kysely';
import type { Database, Db, Dialect } from './database';

/** Bound parameters one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's wire protocol limit. */
export const PARAMETER_LIMIT: Record<Dialect, number> = { sqlite: 32766, postgres: 65535 };

/** Splits a list into consecutive pieces of at most `size`. */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** Keys per `in (…)` list, leaving room for a statement's other parameters. */
export const keysPerStatement = (dialect: Dialect) => PARAMETER_LIMIT[dialect] - 100;

/** Splits ids for `in (…)` lists under the parameter limit. */
export const idChunks = (ids: readonly string[], dialect: Dialect) => inChunks(ids, keysPerStatement(dialect));

type Table = keyof Database & string;
type Conflict<T extends Table> = (oc: OnConflictBuilder<Database, T>) => OnConflictUpdateBuilder<Database, T> | OnConflictDoNothingBuilder<Database, T>;

/** From this many rows, PostgreSQL gets them as one JSON parameter instead of a long VALUES list. */
const PG_JSON_ROWS = 16;
/** Rows per JSON parameter: a few MB of text. */
const PG_JSON_CHUNK = 20_000;

/**
 * Inserts rows (all with the same columns) in as few statements as the dialect allows: VALUES
 * lists cut under SQLite's parameter limit; on PostgreSQL, many rows travel as one JSON array
 * expanded by json_populate_recordset into the table's own column types (a 65,000-parameter
 * VALUES list costs PostgreSQL far more to parse and plan). With `returning`, the rows written
 * (inserted or updated) come back with those columns.
 */
export async function insertRows<T extends Table>(
	db: Db, dialect: Dialect, table: T, rows: readonly Insertable<Database[T]>[], conflict?: Conflict<T>, returning?: readonly (keyof Database[T] & string)[]
): Promise<Record<string, unknown>[]> {
	const out: Record<string, unknown>[] = [];
	if (rows.length === 0) return out;
	const columns = Object.keys(rows[0]);
	// Bytes have no JSON form: rows holding them always go as parameters.
	const json = dialect === 'postgres' && rows.length >= PG_JSON_ROWS && !Object.values(rows[0]).some((v) => ArrayBuffer.isView(v));
	const perStatement = json ? PG_JSON_CHUNK : Math.max(1, Math.floor(PARAMETER_LIMIT[dialect] / columns.length));
	for (let i = 0; i < rows.length; i += perStatement) {
		const piece = i === 0 && rows.length <= perStatement ? rows : rows.slice(i, i + perStatement);
		let query = (json
			? db.insertInto(table).columns(columns as never).expression((eb) => eb
				.selectFrom(raw`json_populate_recordset(null::${raw.table(table)}, ${JSON.stringify(piece)}::json)`.as('r'))
				.select(columns as never) as never)
			: db.insertInto(table).values(piece as Insertable<Database[T]>[])) as unknown as InsertQueryBuilder<Database, T, object>;
		if (conflict) query = query.onConflict(conflict as never);
		if (returning) out.push(...(await query.returning(returning as never).execute()) as Record<string, unknown>[]);
		else await query.execute();
	}
	return out;
}

/** A broken unique or primary key, on either dialect: the table it happened in, when known. */
export function uniqueViolation(e: unknown): { table: string | null; detail: string } | null {
	const err = e as { code?: unknown; message?: unknown; table?: unknown; detail?: unknown } | null;
	if (!err || typeof err !== 'object') return null;
	if (err.code === '23505') return { table: typeof err.table === 'string' ? err.table : null, detail: String(err.detail ?? '') };
	if (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
		const match = /constraint failed: (\w+)\./.exec(String(err.message));
		return { table: match ? match[1] : null, detail: String(err.message) };
	}
	return null;
}

// ---------------------------------------------------------------- JSON

const NON_FINITE = '$nonFinite';

/** JSON text of a value; NaN and ±Infinity survive as {"$nonFinite": "NaN"} (plain JSON would make them null). */
export function toJson(value: unknown): string {
	return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? { [NON_FINITE]: String(v) } : v));
}

export function fromJson<T>(text: string): T {
	if (!text.includes(NON_FINITE)) return JSON.parse(text) as T;
	return JSON.parse(text, (_key, v) => (v && typeof v === 'object' && typeof v[NON_FINITE] === 'string' && Object.keys(v).length === 1 ? Number(v[NON_FINITE]) : v)) as T;
}

/** 0/1 for a boolean column. */
export const flag = (b: boolean): 0 | 1 => (b ? 1 : 0);

/** `set c = excluded.c` for each column: an upsert that replaces the row's values. */
export function replaceFromExcluded<C extends string>(columns: readonly C[]) {
	return Object.fromEntries(columns.map((c) => [c, raw.ref(`excluded.${c}`)])) as Record<C, RawBuilder<any>>;
}

/** `set c = table.c + excluded.c` for each column: an upsert that adds into the row (daily totals). */
export function addFromExcluded<C extends string>(table: string, columns: readonly C[]) {
	return Object.fromEntries(columns.map((c) => [c, raw`${raw.ref(`${table}.${c}`)} + ${raw.ref(`excluded.${c}`)}`])) as Record<C, RawBuilder<any>>;
}
