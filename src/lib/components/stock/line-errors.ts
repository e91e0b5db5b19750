// Finding the error code a stock operation gave for one field of one line.
import type { LineError } from '$core/stock-ops';
import type { ErrorCode } from '$core/validation';

export function errorAt(errors: LineError[], line: number, field: string): ErrorCode | undefined {
	return errors.find((e) => e.line === line && e.field === field)?.code;
}

/** The error about the list as a whole (no lines at all). */
export const listError = (errors: LineError[]): ErrorCode | undefined => errorAt(errors, -1, 'lines') ?? errorAt(errors, -1, 'productId');
