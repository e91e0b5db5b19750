// ForecastStore on IndexedDB: the model registry, training logs and forecast runs of the app.
import { RUNS_KEPT, type ForecastRun, type ForecastStore, type ModelRecord, type TrainingLogRecord } from '$core/forecast-runs';
import type { InventoryDB } from './inventory-db';

export class DexieForecastStore implements ForecastStore {
	constructor(readonly db: InventoryDB) {}

	async putModel(model: ModelRecord) { await this.db.models.put(model); }
	listModels() { return this.db.models.orderBy('trainedAt').reverse().toArray(); }

	async addTrainingLog(log: TrainingLogRecord) {
		const { seq: _ignored, ...row } = log;
		await this.db.trainingLogs.add(row);
	}
	listTrainingLogs(limit = 50) { return this.db.trainingLogs.orderBy('startedAt').reverse().limit(limit).toArray(); }

	async putRun(run: ForecastRun) {
		const runs = this.db.forecastRuns;
		await this.db.transaction('rw', runs, async () => {
			await runs.put(run);
			const ids = await runs.orderBy('createdAt').reverse().primaryKeys();
			if (ids.length > RUNS_KEPT) await runs.bulkDelete(ids.slice(RUNS_KEPT));
		});
	}
	listRuns(limit = RUNS_KEPT) { return this.db.forecastRuns.orderBy('createdAt').reverse().limit(limit).toArray(); }
	latestRun() { return this.db.forecastRuns.orderBy('createdAt').last(); }
}
