#!/usr/bin/python3
"""Writes tests/fixtures/gbm-sklearn-poisson.json: a small fixed Poisson data set and the predictions
of sklearn's HistGradientBoostingRegressor(loss='poisson') on it, which tests/unit/gbm-booster.spec.ts
compares with src/core/forecast/gbm (so the tests need no Python). Run: /usr/bin/python3 scripts/gbm-sklearn-fixture.py"""
import json
import os

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

rng = np.random.default_rng(7)
n, features = 600, 3
x = rng.uniform(0, 1, size=(n, features)).round(3)
rate = np.exp(0.3 + 1.5 * x[:, 0] - 1.0 * x[:, 1] + 0.8 * (x[:, 2] > 0.6))
y = rng.poisson(rate).astype(float)
settings = dict(learning_rate=0.1, max_iter=30, max_leaf_nodes=8, min_samples_leaf=20, l2_regularization=1.0)
model = HistGradientBoostingRegressor(loss='poisson', early_stopping=False, random_state=0, **settings).fit(x, y)
test_x = rng.uniform(0.05, 0.95, size=(40, features)).round(3)
out = dict(features=features, x=x.ravel().tolist(), y=y.tolist(), settings=settings, test_x=test_x.ravel().tolist(),
           predictions=[round(float(v), 6) for v in model.predict(test_x)])
path = os.path.join(os.path.dirname(__file__), '..', 'tests', 'fixtures', 'gbm-sklearn-poisson.json')
with open(path, 'w') as f:
    json.dump(out, f, separators=(',', ':'))
    f.write('\n')
print(f'wrote {path}: {n} rows, {len(test_x)} predictions')
