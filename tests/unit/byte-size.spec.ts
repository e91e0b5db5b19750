import { describe, expect, it } from 'vitest';
import { byteSize } from '../../src/core/byte-size';

describe('byteSize', () => {
	it('picks the unit that keeps the amount readable', () => {
		expect(byteSize(512)).toEqual({ amount: 0.5, unit: 'KB' });
		expect(byteSize(350 * 1024 * 1024)).toEqual({ amount: 350, unit: 'MB' });
		expect(byteSize(1.25 * 1024 ** 3)).toEqual({ amount: 1.3, unit: 'GB' });
		expect(byteSize(2048 * 1024 ** 4)).toEqual({ amount: 2048, unit: 'TB' });
	});

	it('never goes below zero', () => {
		expect(byteSize(-5)).toEqual({ amount: 0, unit: 'KB' });
	});
});
