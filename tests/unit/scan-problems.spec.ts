import { describe, expect, it } from 'vitest';
import { ScanError, scanProblem } from '$lib/scan/problems';

describe('why a scan could not run', () => {
	it('maps getUserMedia errors (current and older names) to what the person can do', () => {
		const named = (name: string) => Object.assign(new Error('x'), { name });
		expect(scanProblem(named('NotAllowedError'))).toBe('denied');
		expect(scanProblem(named('PermissionDeniedError'))).toBe('denied');
		expect(scanProblem(named('SecurityError'))).toBe('denied');
		expect(scanProblem(named('NotFoundError'))).toBe('noCamera');
		expect(scanProblem(named('DevicesNotFoundError'))).toBe('noCamera');
		expect(scanProblem(named('OverconstrainedError'))).toBe('noCamera');
		expect(scanProblem(named('NotReadableError'))).toBe('busy');
		expect(scanProblem(named('TrackStartError'))).toBe('busy');
		expect(scanProblem(named('TypeError'))).toBe('failed');
		expect(scanProblem(null)).toBe('failed');
	});

	it('keeps a ScanError\'s own problem and says the cause in its message', () => {
		const error = new ScanError('reader', Object.assign(new Error('404 : /x.wasm'), { name: 'RuntimeError' }));
		expect(scanProblem(error)).toBe('reader');
		expect(error.message).toBe('reader (RuntimeError: 404 : /x.wasm)');
	});
});
