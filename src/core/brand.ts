// Branded primitives: the compiler keeps cents, units, ids and days from being mixed up.
export type Brand<T, B extends string> = T & { readonly __brand: B };

/** Money in integer cents of the shop's currency. */
export type Cents = Brand<number, 'Cents'>;
/** A device-made UUID v4; never shown to the user. */
export type Uuid = Brand<string, 'Uuid'>;
export type ProductId = Uuid;
export type SupplierId = Uuid;
export type CustomerId = Uuid;
export type SaleId = Uuid;
export type MovementId = Uuid;

/**
 * Shop wall-clock time as milliseconds, computed as if the wall clock were UTC.
 * POS exports carry local times without a zone; keeping them as "local ms" makes
 * day arithmetic exact and independent of the tablet's zone or DST.
 */
export type LocalTimestamp = Brand<number, 'LocalTimestamp'>;
/** Days since 1970-01-01 in shop-local calendar terms. */
export type DayNumber = Brand<number, 'DayNumber'>;

export const cents = (n: number): Cents => n as Cents;
