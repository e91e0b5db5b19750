// "Bought together" as association rules A → B with their support, confidence and lift, read
// from the model's neighbours. Small shops have sparse baskets: a support threshold as a share of
// all baskets (the textbook 1%) would keep no rule at all, so the thresholds are counts and ratios
// that still mean something on a few hundred baskets.
import type { ProductId } from '../brand';
import { type RecommendationModel, SOURCE_TOGETHER } from './recommendation-model';

export interface AssociationRule {
	productId: ProductId;
	/** Baskets with both products. */
	together: number;
	/** Share of all baskets with both products. */
	support: number;
	/** Share of the baskets with the first product that also have this one. */
	confidence: number;
	/** Confidence over this product's share of all baskets: > 1 means bought together more than by chance. */
	lift: number;
}

export interface RuleThresholds {
	minTogether: number;
	minConfidence: number;
	minLift: number;
}

/** Two baskets are a pattern, one is an accident; 2% of the first product's baskets; above chance. */
export const DEFAULT_RULE_THRESHOLDS: RuleThresholds = { minTogether: 2, minConfidence: 0.02, minLift: 1 };

/** Rules from product index i, in the model's ranking order. */
export function rulesFrom(model: RecommendationModel, i: number, thresholds: RuleThresholds = DEFAULT_RULE_THRESHOLDS): AssociationRule[] {
	const rules: AssociationRule[] = [];
	const total = model.basketTotal, own = model.baskets[i];
	if (total === 0 || own === 0) return rules;
	for (let k = model.offsets[i]; k < model.offsets[i + 1]; k++) {
		const j = model.items[k], together = model.together[k];
		if (model.source[k] !== SOURCE_TOGETHER || together < thresholds.minTogether) continue;
		const confidence = together / own;
		const lift = confidence / (model.baskets[j] / total);
		if (confidence < thresholds.minConfidence || lift <= thresholds.minLift) continue;
		rules.push({ productId: model.products[j], together, support: together / total, confidence, lift });
	}
	return rules;
}
