// The harness's cases: every shop in ../shared/data with daily sales, from three cutoffs each spread
// over what its data allows (a season's start, a quiet month, the protocol's cutoff). The protocol's
// cutoff (../shared/data/README.md) comes last and is the one `--quick` keeps.
export const SHOPS = [
	{
		shop: 'online-retail', file: '../shared/data/online-retail/online_retail_2010-12_2011-09.csv',
		// Closed on Saturdays; 2010-12 .. 2011-09: spring, early summer, the run-up to autumn.
		cutoffs: ['2011-04-30', '2011-06-30', '2011-08-31'],
		// Scoring 1,900 products takes the peers (a forest per product, R's ETS) ~10 minutes: --quick
		// scores the 300 best sellers (the scorer's --top; its peers train on the same 300).
		quickTop: 300
	},
	{
		shop: 'bread-basket', file: '../shared/data/bread-basket/BreadBasket_DMS.csv',
		// 2016-10-30 .. 2017-04-09: after the new year, late winter, spring.
		cutoffs: ['2017-01-15', '2017-02-12', '2017-03-12']
	},
	{
		shop: 'pharmacy', file: '../shared/data/pharmacy/salesdaily.csv',
		// Five years: Christmas, midsummer, the protocol's early autumn.
		cutoffs: ['2018-12-02', '2019-06-30', '2019-09-10']
	},
	{
		shop: 'coffee-kiosk', file: '../shared/data/coffee-kiosk/coffee_sales_2024-03_2025-03.csv',
		// 2024-03 .. 2025-03: summer, autumn, late winter.
		cutoffs: ['2024-07-31', '2024-10-31', '2025-02-23']
	},
	{
		shop: 'pizza-place', file: '../shared/data/pizza-place/pizza_sales_2015.csv',
		// 2015: spring, late summer, the run-up to Christmas.
		cutoffs: ['2015-04-30', '2015-08-31', '2015-11-30']
	}
];

/** Every (shop, cutoff) case; with quick, only each shop's protocol cutoff (and its best sellers where scoring is slow). */
export function harnessCases({ quick = false, shops = [] } = {}) {
	for (const name of shops) if (!SHOPS.some((s) => s.shop === name)) throw new Error(`unknown shop "${name}"; choose from ${SHOPS.map((s) => s.shop).join(', ')}`);
	return SHOPS.filter((s) => shops.length === 0 || shops.includes(s.shop))
		.flatMap((s) => (quick ? s.cutoffs.slice(-1) : s.cutoffs).map((cutoff) => ({ shop: s.shop, file: s.file, cutoff, top: quick ? s.quickTop ?? null : null })));
}
