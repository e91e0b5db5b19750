// Printing helpers: aligned text tables for people, JSON for other programs.
export function printTable(rows: Record<string, string | number>[], columns: string[], out: (s: string) => void = console.log) {
	const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
	const line = (cells: string[]) => cells.map((c, i) => (typeof rows[0]?.[columns[i]] === 'number' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
	out(line(columns));
	out(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const r of rows) out(line(columns.map((c) => String(r[c] ?? ''))));
}

export const printJson = (value: unknown, out: (s: string) => void = console.log) => out(JSON.stringify(value, null, 2));
