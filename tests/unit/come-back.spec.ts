import { describe, expect, it } from 'vitest';
import { comeBackChance } from '$core/come-back';

describe('whether a customer will come back, in words', () => {
	it('grades the chance that they are still a customer', () => {
		expect(comeBackChance({ probabilityActive: 0.92, purchaseDays: 6 })).toBe('likely');
		expect(comeBackChance({ probabilityActive: 0.7, purchaseDays: 2 })).toBe('likely');
		expect(comeBackChance({ probabilityActive: 0.5, purchaseDays: 3 })).toBe('maybe');
		expect(comeBackChance({ probabilityActive: 0.35, purchaseDays: 3 })).toBe('maybe');
		expect(comeBackChance({ probabilityActive: 0.2, purchaseDays: 4 })).toBe('unlikely');
	});

	it('cannot tell from a single purchase, whatever the model says', () => {
		expect(comeBackChance({ probabilityActive: 1, purchaseDays: 1 })).toBe('unknown');
		expect(comeBackChance({ probabilityActive: Number.NaN, purchaseDays: 5 })).toBe('unknown');
	});
});
