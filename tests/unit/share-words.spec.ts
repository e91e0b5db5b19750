import { describe, expect, it } from 'vitest';
import { oneInHowMany } from '$core/share-words';

describe('shares in words', () => {
	it('says small shares as 1 in N', () => {
		expect(oneInHowMany(0.19)).toBe(5);
		expect(oneInHowMany(0.2)).toBe(5);
		expect(oneInHowMany(0.34)).toBe(3);
		expect(oneInHowMany(0.4)).toBe(3); // 2.5 rounds up
		expect(oneInHowMany(0.044)).toBe(23);
	});

	it('leaves large, tiny and broken shares to a percentage', () => {
		expect(oneInHowMany(0.45)).toBeNull();
		expect(oneInHowMany(0.8)).toBeNull();
		expect(oneInHowMany(0.009)).toBeNull();
		expect(oneInHowMany(Number.NaN)).toBeNull();
	});
});
