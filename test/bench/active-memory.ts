/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark child process that runs in plain Node, never inside n8n */
/**
 * One measurement for `npm run bench`, in a process of its own started with --expose-gc: the
 * memory the Evo Voice node adds while Get Active (AppGetActiveSessions) turns every live
 * session of the simulator at EVOVOICE_BENCH_SIMULATOR_URL into items, run through n8n-core's
 * engine. The simulator runs in another process, so its copy of the answer is not counted.
 *
 * Peak: the JavaScript heap and Buffer memory in use, garbage included, sampled every
 * millisecond while the run lasts (it reads its answer in chunks, so the samples fall between
 * them) and once at its end, minus the same before the run. The resident size is not used: the
 * heap reuses pages that loading n8n-core left resident, which hides most of a run's growth.
 * Retained: the heap still in use after the run, the items held, garbage collected.
 * Prints one JSON line.
 */

import { MemoryCredentialsHelper, runWorkflow } from '../harness/engine';
import { CREDENTIAL_ID, EVO_VOICE_NODE, evoVoiceWorkflow } from '../harness/workflows';
import { DEMO_USER } from '../simulator/server';

const collectGarbage = (globalThis as { gc?: () => void }).gc;

const MB = 1024 * 1024;

function inUse(): number {
	const usage = process.memoryUsage();
	return usage.heapUsed + usage.arrayBuffers;
}

function settle() {
	collectGarbage?.();
	collectGarbage?.();
}

async function main() {
	if (!collectGarbage) throw new Error('run with --expose-gc');
	const simulatorUrl = process.env.EVOVOICE_BENCH_SIMULATOR_URL ?? '';
	const simplify = process.env.EVOVOICE_BENCH_SIMPLIFY === 'true';
	const credentials = new MemoryCredentialsHelper({
		[CREDENTIAL_ID]: { environment: 'custom', baseUrl: simulatorUrl, email: DEMO_USER.email, password: DEMO_USER.password, sessionToken: '' },
	});
	const getActive = (filters: Record<string, string>) =>
		evoVoiceWorkflow({ resource: 'session', operation: 'getActive', returnAll: true, simplify, filters });
	// Signs in and loads every module on an answer with no sessions, so neither is counted.
	await runWorkflow(getActive({ accountId: 'acc-none' }), credentials);
	settle();
	const before = inUse();
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, inUse())), 1);
	const run = await runWorkflow(getActive({}), credentials);
	clearInterval(sampler);
	peak = Math.max(peak, inUse());
	const items = run.outputOf(EVO_VOICE_NODE).length;
	settle();
	const retainedMb = (inUse() - before) / MB;
	process.stdout.write(`${JSON.stringify({ items, peakAddedMb: (peak - before) / MB, retainedMb, error: run.error?.message })}\n`);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
