/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark child process that runs in plain Node, never inside n8n */
/**
 * One measurement for `npm run bench`, in a process of its own started with --expose-gc: the
 * memory the Evo Voice node adds while Get Active (AppGetActiveSessions) turns every live
 * session of the simulator at EVOVOICE_BENCH_SIMULATOR_URL into items, run through n8n-core's
 * engine. The simulator runs in another process, so its copy of the answer is not counted.
 *
 * Peak: what is in use, garbage included, sampled every millisecond while the run lasts (it
 * reads its answer in chunks, so the samples fall between them) and once at its end, minus the
 * same before the run, apart for the JavaScript heap (the node's sessions, items and text) and
 * for Buffers (the bytes Node's HTTP client received, each dead once read, but freed only when
 * V8 next collects). The resident size is not used: the heap reuses pages that loading n8n-core
 * left resident, which hides most of a run's growth.
 * Retained: the heap still in use after the run, the items held, garbage collected.
 * Prints one JSON line.
 */

import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { EVO_VOICE_NODE, evoVoiceWorkflow } from '../harness/workflows';

const collectGarbage = (globalThis as { gc?: () => void }).gc;

const MB = 1024 * 1024;

function inUse(): { heap: number; buffers: number } {
	const usage = process.memoryUsage();
	return { heap: usage.heapUsed, buffers: usage.arrayBuffers };
}

function settle() {
	collectGarbage?.();
	collectGarbage?.();
}

async function main() {
	if (!collectGarbage) throw new Error('run with --expose-gc');
	const simulatorUrl = process.env.EVOVOICE_BENCH_SIMULATOR_URL ?? '';
	const simplify = process.env.EVOVOICE_BENCH_SIMPLIFY === 'true';
	const credentials = simulatorCredentialsHelper({ url: simulatorUrl });
	const getActive = (filters: Record<string, string>) =>
		evoVoiceWorkflow({ resource: 'session', operation: 'getActive', returnAll: true, simplify, filters });
	// Signs in and loads every module on an answer with no sessions, so neither is counted.
	await runWorkflow(getActive({ accountId: 'acc-none' }), credentials);
	settle();
	const before = inUse();
	const peak = { heap: 0, buffers: 0, total: 0 };
	const sample = () => {
		const now = inUse();
		const heap = now.heap - before.heap;
		const buffers = now.buffers - before.buffers;
		peak.heap = Math.max(peak.heap, heap);
		peak.buffers = Math.max(peak.buffers, buffers);
		peak.total = Math.max(peak.total, heap + buffers);
	};
	const sampler = setInterval(sample, 1);
	const run = await runWorkflow(getActive({}), credentials);
	clearInterval(sampler);
	sample();
	const items = run.outputOf(EVO_VOICE_NODE).length;
	settle();
	const result = {
		items,
		peakHeapMb: peak.heap / MB,
		peakBuffersMb: peak.buffers / MB,
		peakTotalMb: peak.total / MB,
		retainedMb: (inUse().heap - before.heap) / MB,
		error: run.error?.message,
	};
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
