// A trained tfjs network as the model_artifacts table keeps it: tfjs's model.json (topology and
// the weights manifest) as text and the weights as bytes, through a save handler (no file, no
// IndexedDB), and back into a LayersModel from the same two fields.
import { tf } from '../../core/forecast/tf';
import type { NetworkArtifacts } from './protocol';

const WEIGHTS_FILE = 'weights.bin';

function bytesOf(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array {
	const parts = data === undefined ? [] : Array.isArray(data) ? data : [data];
	const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
	let at = 0;
	for (const p of parts) {
		out.set(new Uint8Array(p), at);
		at += p.byteLength;
	}
	return out;
}

/** The network's artifacts, addressed (nothing is written anywhere). */
export async function artifactsOf(model: tf.LayersModel, address: string): Promise<NetworkArtifacts> {
	let saved: tf.io.ModelArtifacts | null = null;
	await model.save(tf.io.withSaveHandler(async (artifacts) => {
		saved = artifacts;
		return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
	}));
	const a = saved! as tf.io.ModelArtifacts;
	const modelJson = JSON.stringify({
		modelTopology: a.modelTopology, format: a.format, generatedBy: a.generatedBy, convertedBy: a.convertedBy,
		trainingConfig: a.trainingConfig, userDefinedMetadata: a.userDefinedMetadata,
		weightsManifest: [{ paths: [WEIGHTS_FILE], weights: a.weightSpecs ?? [] }]
	});
	return { address, modelJson, weights: bytesOf(a.weightData) };
}

/** A network loaded back from its stored artifacts (the caller disposes it). */
export async function networkOf(modelJson: string, weights: Uint8Array): Promise<tf.LayersModel> {
	const json = JSON.parse(modelJson) as { modelTopology: object; trainingConfig?: tf.io.TrainingConfig; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
	const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
	return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((m) => m.weights), weightData, trainingConfig: json.trainingConfig }));
}
