// How fast a product turns: sales speed, turnover against stock on hand, days of cover.

export interface Rotation {
	/** Units sold in the product's window. */
	unitsSold: number;
	/** Units per calendar day over the product's window. */
	unitsPerDay: number;
	/** Share of the shop's open days in the window on which the product sold. */
	sellingDaysShare: number;
	/**
	 * Units a year over stock on hand (how many times the current stock would sell in a year).
	 * Null when nothing is on hand: turnover of an empty shelf means nothing.
	 */
	annualTurnover: number | null;
	/** Days the stock on hand lasts at the current speed; null when it does not sell. 0 when none is on hand. */
	daysOfCover: number | null;
	/** Days since the product last sold, counted to the analysis day; null if it never sold. */
	daysSinceLastSale: number | null;
}

export interface RotationInput {
	unitsSold: number;
	/** Calendar days the product was on sale within the window (from its first sale or the window start). */
	windowDays: number;
	sellingDays: number;
	openDays: number;
	onHand: number;
	lastSaleDay: number | null;
	asOf: number;
}

export function rotation(input: RotationInput): Rotation {
	const unitsPerDay = input.windowDays > 0 ? Math.max(0, input.unitsSold) / input.windowDays : 0;
	return {
		unitsSold: input.unitsSold,
		unitsPerDay,
		sellingDaysShare: input.openDays > 0 ? input.sellingDays / input.openDays : 0,
		annualTurnover: input.onHand > 0 ? (unitsPerDay * 365) / input.onHand : null,
		daysOfCover: input.onHand <= 0 ? 0 : unitsPerDay > 0 ? input.onHand / unitsPerDay : null,
		daysSinceLastSale: input.lastSaleDay === null ? null : input.asOf - input.lastSaleDay
	};
}
