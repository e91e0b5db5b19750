// The English sentences of health parts and alerts, for the CLI; the app words the same codes and
// values through its own Spanish and English messages (src/lib/i18n/messages/health.ts).
import type { DayNumber } from '../brand';
import { formatUnits } from '../reorder/explain';
import { isoDay } from '../time';
import type { Alert, AlertKind } from './alerts';
import type { HealthOptions, HealthPart } from './score';
import type { PartSummary } from './report';

const money = (cents: number) => (cents / 100).toFixed(2);
const pct = (share: number) => `${Math.round(share * 100)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const PART_NAMES: Record<HealthPart, string> = { stockOut: 'running out', overstock: 'too much stock', deadStock: 'dead stock', turnover: 'turnover' };
export const ALERT_NAMES: Record<AlertKind, string> = {
	oversold: 'sold beyond stock', sold_out: 'sold out', stockout_predicted: 'will run out', low_stock: 'low stock', overstock: 'too much stock', dead_stock: 'dead stock', demand_change: 'demand changed'
};

export function partText(p: PartSummary, o: HealthOptions, annualTurnover: number | null): string {
	switch (p.part) {
		case 'stockOut': {
			if (p.products === 0) return 'Nothing is sold out or expected to run out before an order could arrive.';
			const r = p.restock ?? { soldOut: 0, runningOut: p.products, low: 0 };
			const said = [
				r.soldOut ? `${r.soldOut} sold out` : '',
				r.runningOut ? `${r.runningOut} will run out before an order placed today arrives` : '',
				r.low ? `${r.low} low (running out within ${o.warningDays} days after that, or at the reorder point)` : ''
			].filter(Boolean);
			return `${plural(p.products, 'product')} to restock: ${said.join(', ')} (${pct(p.share)} of sales at risk, weighted by how soon).`;
		}
		case 'overstock':
			return p.products === 0
				? `No product holds more than ${o.overstockFactor}x an order's worth of sales.`
				: `${plural(p.products, 'product')} ${p.products === 1 ? 'holds' : 'hold'} more than ${o.overstockFactor}x an order's worth of sales (lead time + ${o.targetCoverDays} days); ${money(p.value)} at cost.`;
		case 'deadStock':
			return p.products === 0
				? `Everything in stock sold within the last ${o.deadStockDays} days.`
				: `${plural(p.products, 'product')} in stock with no sale in ${o.deadStockDays} days or more: ${money(p.value)} at cost standing still.`;
		case 'turnover':
			return annualTurnover === null
				? 'Nothing in stock to turn over.'
				: `The stock sells through ${annualTurnover.toFixed(1)} times a year (healthy: ${o.healthyTurnover} or more); ${plural(p.products, 'product')} ${p.products === 1 ? 'turns' : 'turn'} slower.`;
	}
}

export function alertText(a: Alert, formatDay: (d: DayNumber) => string = isoDay): string {
	const v = a.values;
	const u = formatUnits;
	switch (v.kind) {
		case 'oversold':
			return `${u(-v.onHand)} more sold than the stock held (stock shows ${u(v.onHand)}): count it, or record the goods that arrived.`;
		case 'sold_out':
			return v.selling
				? `Sold out and it was selling${v.onOrder > 0 ? `; ${u(v.onOrder)} on order` : ', nothing on order'}; an order takes ${v.leadTimeDays} days to arrive.`
				: `Sold out, and ${v.daysSinceLastSale === null ? 'it has never sold' : `no sale in ${v.daysSinceLastSale} days`}: archive it if it is no longer sold.`;
		case 'stockout_predicted':
			return `Expected to run out on ${formatDay(v.stockOutDay)}, before an order placed today would arrive (${v.leadTimeDays}-day lead time); ${u(v.onHand)} in stock, ${u(v.onOrder)} on order${v.basis === 'sales_speed' ? ' (at its recent sales speed)' : ''}.`;
		case 'low_stock': {
			const stock = `${u(v.onHand)} in stock${v.onOrder > 0 ? ` and ${u(v.onOrder)} on order` : ''}`;
			if (v.source === 'soon' || v.threshold === null)
				return `${stock} runs out${v.runsOutOn === null ? '' : ` around ${formatDay(v.runsOutOn)}`}, soon after an order placed today would arrive (${v.leadTimeDays}-day lead time): order it soon.`;
			return `${stock} is at or below the reorder point of ${u(v.threshold)} (${v.source === 'owner' ? 'set by the owner' : 'from the forecast'}).`;
		}
		case 'overstock':
			return `${u(v.onHand)} in stock lasts about ${Math.round(v.coverDays)} days, far beyond the ${v.targetDays} days an order should cover; ${u(v.excessUnits)} beyond that (${money(v.excessValue)} at cost).`;
		case 'dead_stock':
			return `${u(v.onHand)} in stock and ${v.daysSinceLastSale === null ? 'never sold' : `no sale in ${v.daysSinceLastSale} days`}: ${money(v.valueAtCost)} at cost standing still.`;
		case 'demand_change':
			if (v.change === 'jump') return `Sold ${u(v.actualUnits)} in the last ${v.days} days, above the forecast's P90 of ${u(v.forecastP90)}.`;
			return `${v.change === 'growth' ? 'Selling more' : 'Selling less'}: ${v.recentPerWeek.toFixed(1)} a week lately against ${v.earlierPerWeek.toFixed(1)} before (q = ${v.qValue < 0.001 ? '<0.001' : v.qValue.toFixed(3)}).`;
	}
}
