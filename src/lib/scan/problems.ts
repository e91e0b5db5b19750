// Why a scan could not run, as what the person can do about it; the screen shows
// t('scan.problem.' + problem) and the technical message under "Details".

export type ScanProblem = 'denied' | 'noCamera' | 'busy' | 'insecure' | 'reader' | 'failed';

export class ScanError extends Error {
	constructor(readonly problem: ScanProblem, cause?: unknown) {
		super(`${problem}${cause instanceof Error ? ` (${cause.name}: ${cause.message})` : ''}`, { cause });
		this.name = 'ScanError';
	}
}

/** A ScanError's problem; getUserMedia's error names (and older browsers' ones) to a problem. */
export function scanProblem(error: unknown): ScanProblem {
	if (error instanceof ScanError) return error.problem;
	switch ((error as { name?: string } | null)?.name) {
		case 'NotAllowedError':
		case 'PermissionDeniedError':
		case 'SecurityError':
			return 'denied';
		case 'NotFoundError':
		case 'DevicesNotFoundError':
		case 'OverconstrainedError':
			return 'noCamera';
		case 'NotReadableError':
		case 'TrackStartError':
		case 'AbortError':
			return 'busy';
		default:
			return 'failed';
	}
}
