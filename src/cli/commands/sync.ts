// inventario sync [--server URL] [--db FILE] [--json]: the local store as one of the shop's devices,
// like a tablet: its outbox (sales, imports, stock movements, catalogue edits, each queued in the
// write's own transaction) goes to the server, then the shop's changes come back (docs/sync.md).
// A failure loses nothing: what was not acknowledged stays queued for the next sync.
import { ApiProblem, SessionExpired, Unreachable } from '../../client/api-client';
import { HttpSyncTransport } from '../../client/sync';
import type { CustomerId, ProductId, SupplierId } from '../../core/brand';
import type { InventoryRepository } from '../../core/repository';
import { DEFAULT_MAX_CLOCK_AHEAD_MS } from '../../core/api/sync';
import { syncOnce, SyncRefusedError, type SyncReport } from '../../core/sync/device-sync';
import { SqlRepository } from '../../sql/sql-repository';
import { SqlSyncStore } from '../../sql/sql-sync-store';
import { parseCommandArgs, UsageError } from '../args';
import type { Command } from '../command';
import { printJson } from '../output';
import { remoteFailure } from '../remote/dispatch';
import { defaultIo, type CliIo } from '../remote/io';
import { loginHint, sessionClient } from '../remote/session';

const USAGE = `inventario sync [--server URL] [--db FILE] [--json]

  Sends this store's sales, imports, stock movements and catalogue edits to the shop server
  (after \`inventario login\`), then receives what the shop's other devices and the server
  changed, as a tablet does. Sales always merge (each is stored once everywhere); catalogue
  edits merge field by field. Run it again at any time: nothing is sent or stored twice.
  --server URL  the server (default: the one logged in to; it must be the session's)
  --db FILE     the local store (default ./inventario.db); not the server's own database
  --json        machine-readable report

  Prints what moved and what is still waiting, a warning when this computer's clock is more than
  5 minutes off the server's, and the products sold below zero stock. Exit code 0 when everything went,
  1 when the server refused or could not be reached (nothing is lost: the changes stay queued
  for the next sync), 2 on bad options.`;

/** Record kinds as the shop calls them, for "Received: 5 products". */
const RECORD_WORDS: Record<string, [string, string]> = {
	product: ['product', 'products'], customer: ['customer', 'customers'], supplier: ['supplier', 'suppliers'],
	purchaseOrder: ['purchase order', 'purchase orders'], setting: ['setting', 'settings']
};

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "2 sales (7 lines), 3 stock movements, 5 products", or "nothing new". */
function receivedText(report: SyncReport): string {
	const p = report.pulled, parts: string[] = [];
	if (p.sales) parts.push(`${count(p.sales, 'sale', 'sales')} (${count(p.lines, 'line', 'lines')})`);
	if (p.movements) parts.push(count(p.movements, 'stock movement', 'stock movements'));
	if (p.records) {
		const kinds = p.touched.filter((t) => RECORD_WORDS[t]);
		if (kinds.length === 1) parts.push(count(p.records, ...RECORD_WORDS[kinds[0]]));
		else parts.push(`${count(p.records, 'catalogue change', 'catalogue changes')} (${kinds.map((k) => RECORD_WORDS[k][1]).join(', ')})`);
	}
	return parts.length ? parts.join(', ') : 'nothing new';
}

function durationText(ms: number): string {
	const minutes = Math.round(ms / 60_000);
	if (minutes < 60) return `${Math.max(minutes, 1)} min`;
	return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}


interface Outcome {
	report: SyncReport | null;
	pending: number;
	oversold: { sku: string; onHand: number }[];
	/** Edits the server did not allow this account, by the shop's names (SKU, customer code, ...). */
	overruled: { entity: string; name: string; reason: string }[];
	/** How far this store's clock is off the server's (positive: ahead), when past the server's limit. */
	clockOffMs: number | null;
}

function clockOff(report: SyncReport | null): number | null {
	const offset = report?.clockOffMs ?? null;
	const measured = offset !== null && Math.abs(offset) > DEFAULT_MAX_CLOCK_AHEAD_MS ? offset : null;
	const reported = report?.clockAheadMs ?? null;
	if (reported !== null && (measured === null || reported > measured)) return reported;
	return measured;
}

async function oversoldBySku(repo: InventoryRepository, report: SyncReport | null) {
	const out: { sku: string; onHand: number }[] = [];
	for (const n of report?.negativeStock ?? []) out.push({ sku: (await repo.getProduct(n.productId as ProductId))?.sku ?? n.productId, onHand: n.onHand });
	return out.sort((a, b) => a.onHand - b.onHand || a.sku.localeCompare(b.sku));
}

/** What the shop calls a record: a product's SKU, a customer's code, a supplier's name. */
async function overruledByName(repo: InventoryRepository, report: SyncReport | null) {
	const out: Outcome['overruled'] = [];
	for (const o of report?.overruled ?? []) {
		let name: string | undefined;
		if (o.entity === 'product') name = (await repo.getProduct(o.id as ProductId))?.sku;
		else if (o.entity === 'customer') name = (await repo.getCustomer(o.id as CustomerId))?.code;
		else if (o.entity === 'supplier') name = (await repo.getSupplier(o.id as SupplierId))?.name;
		out.push({ entity: o.entity, name: name ?? o.id, reason: o.reason });
	}
	return out;
}

const LISTED = 10;

function printReport(o: Outcome, out: (line: string) => void) {
	const r = o.report;
	const sent = r ? `${count(r.pushed, 'change', 'changes')}${r.pushedLines ? ` (${count(r.pushedLines, 'sale line', 'sale lines')})` : ''}` : 'nothing';
	out(`Sent: ${sent} · Received: ${r ? receivedText(r) : 'nothing'} · Pending: ${o.pending.toLocaleString('en')}`);
	if (r?.requeued) out('The server had been restored from a backup: this store sent it everything it holds again.');
	if (o.clockOffMs !== null && o.clockOffMs > 0) {
		out(`Warning: this computer's clock is ${durationText(o.clockOffMs)} ahead of the server's. Sales rung up here carry its times; catalogue edits made here were given the server's time instead (a fast clock cannot win). Everything still synced: set the clock right.`);
	} else if (o.clockOffMs !== null) {
		out(`Warning: this computer's clock is ${durationText(-o.clockOffMs)} behind the server's. Sales rung up here carry its times. Everything still synced: set the clock right.`);
	}
	if (o.oversold.length) {
		const listed = o.oversold.slice(0, LISTED).map((n) => `${n.sku} ${n.onHand}`).join(', ');
		const more = o.oversold.length > LISTED ? ` and ${o.oversold.length - LISTED} more (inventario stock --low lists them)` : '';
		out(`Oversold (stock below zero): ${listed}${more}`);
	}
	for (const reason of new Set(o.overruled.map((x) => x.reason))) {
		const these = o.overruled.filter((x) => x.reason === reason);
		const listed = these.slice(0, LISTED).map((x) => (x.entity === 'product' ? x.name : `${RECORD_WORDS[x.entity]?.[0] ?? x.entity} ${x.name}`)).join(', ');
		const more = these.length > LISTED ? ` and ${these.length - LISTED} more` : '';
		out(`Not changed on the server (${reason}); the shop's version is kept here too: ${listed}${more}`);
	}
}

/** What a failure says, after "inventario sync: ". */
function failureText(e: unknown, server: string, pending: number, where: string): { code: string; message: string } {
	const kept = pending > 0 ? ` Nothing is lost: ${count(pending, 'change stays', 'changes stay')} queued in ${where} for the next sync.` : ' Nothing is lost.';
	if (e instanceof SyncRefusedError) {
		switch (e.code) {
			case 'app-outdated': return { code: e.code, message: `the server speaks a newer sync protocol than this inventario: update inventario, then sync again.${kept} (${e.message})` };
			case 'server-outdated': return { code: e.code, message: `the server is older than this inventario: update the server (inventario serve), then sync again.${kept} (${e.message})` };
			case 'forbidden': return { code: e.code, message: `the server refused this store: ${e.message}.${kept}` };
			case 'unauthorized': return { code: e.code, message: `the server did not accept the session: ${loginHint(server)}.${kept}` };
			case 'invalid': return { code: e.code, message: `the server refused a change of this store as invalid, and applied none of the push: ${e.message}.${kept}` };
			case 'too-large': return { code: e.code, message: `the server refused a push as too large: ${e.message}.${kept}` };
			case 'sync-gap': return { code: e.code, message: `the server and this store disagree on which changes it holds: ${e.message}.${kept}` };
		}
	}
	if (e instanceof Unreachable) return { code: 'unreachable', message: `${remoteFailure(e)}${kept}` };
	if (e instanceof SessionExpired) return { code: 'session', message: `${remoteFailure(e)}.${kept}` };
	if (e instanceof ApiProblem) return { code: 'server', message: `${e.message}.${kept}` };
	// An answer cut off half way (the server stopped while sending it), say.
	return { code: 'failed', message: `the sync with ${server} stopped: ${(e as Error).message}.${kept}` };
}


export const syncCommand: Command = {
	name: 'sync',
	summary: 'Send this store\'s sales and changes to the shop server and receive the shop\'s',
	usage: USAGE,
	device: true,
	options: { json: { type: 'boolean' } },
	async run(repo: InventoryRepository, argv: string[], out, io: CliIo = defaultIo()) {
		const { values, positionals } = parseCommandArgs(argv, this.options);
		if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
		if (!(repo instanceof SqlRepository)) throw new Error('sync needs a SQL store');
		const where = io.env.DATABASE_URL ? 'the DATABASE_URL store' : String(values.db);
		if ((await repo.syncRole()) === 'server') {
			throw new Error(`${where} is the shop server's own database (inventario serve has run on it): the devices sync with it, it does not sync itself. Sync a device's store with --db FILE.`);
		}
		const { client } = sessionClient(io, typeof values.server === 'string' ? values.server : undefined);
		const store = new SqlSyncStore(repo);
		const transport = new HttpSyncTransport(client);
		let progress: SyncReport | null = null;
		let shown = 0;
		const onProgress = ({ report }: { report: SyncReport }) => {
			progress = report;
			// On a terminal, a long first sync or a large import says how far it got.
			const moved = report.pushedLines + report.pulled.lines;
			if (io.stdin.isTTY && !values.json && moved - shown >= 50_000) {
				shown = moved;
				io.prompt(`  … sent ${count(report.pushedLines, 'sale line', 'sale lines')}, received ${count(report.pulled.lines, 'sale line', 'sale lines')}\n`);
			}
		};
		try {
			const report = await syncOnce(store, transport, { onProgress, wall: repo.wall });
			const outcome: Outcome = { report, pending: await store.pendingCount(), oversold: await oversoldBySku(repo, report), overruled: await overruledByName(repo, report), clockOffMs: clockOff(report) };
			if (values.json) printJson({ server: client.server, ...jsonOf(outcome), error: null }, out);
			else printReport(outcome, out);
			return 0;
		} catch (e) {
			const pending = await store.pendingCount();
			const failure = failureText(e, client.server, pending, where);
			const outcome: Outcome = { report: progress, pending, oversold: await oversoldBySku(repo, progress), overruled: await overruledByName(repo, progress), clockOffMs: clockOff(progress) };
			if (values.json) printJson({ server: client.server, ...jsonOf(outcome), error: failure }, out);
			else if (progress) printReport(outcome, out);
			throw new Error(failure.message);
		}
	}
};

function jsonOf(o: Outcome) {
	const r = o.report;
	return {
		sent: { changes: r?.pushed ?? 0, saleLines: r?.pushedLines ?? 0 },
		received: { sales: r?.pulled.sales ?? 0, saleLines: r?.pulled.lines ?? 0, movements: r?.pulled.movements ?? 0, records: r?.pulled.records ?? 0, touched: r?.pulled.touched ?? [] },
		pending: o.pending,
		requeued: r?.requeued ?? false,
		clockAheadMs: o.clockOffMs === null ? null : Math.round(o.clockOffMs),
		oversold: o.oversold,
		overruled: o.overruled
	};
}
