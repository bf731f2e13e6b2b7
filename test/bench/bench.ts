/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark script that runs in plain Node, never inside n8n */
/**
 * `npm run bench`: how fast the node gets work done through n8n's own engine, against the
 * simulator over loopback HTTP. Prints the figures and writes them to bench/RESULTS.md.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';
import { startSimulator } from '../simulator/server';

const REPEATS = 5;

interface Figure {
	name: string;
	work: string;
	medianMs: number;
	perUnit: string;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
	const simulator = await startSimulator({ port: 0 });
	const figures: Figure[] = [];

	async function measure(
		name: string,
		work: string,
		prepare: () => { parameters: IDataObject; items: IDataObject[]; expectedItems: number },
	) {
		const durations: number[] = [];
		let units = 0;
		for (let repeat = 0; repeat < REPEATS; repeat++) {
			simulator.reset();
			const { parameters, items, expectedItems } = prepare();
			units = expectedItems;
			const credentials = simulatorCredentialsHelper(simulator);
			const started = performance.now();
			const result = await runWorkflow(
				evoVoiceWorkflow({ resource: 'session', ...parameters } as never, { items }),
				credentials,
			);
			durations.push(performance.now() - started);
			const produced = result.outputOf(EVO_VOICE_NODE).length;
			if (result.error || produced !== expectedItems) {
				throw new Error(`${name}: expected ${expectedItems} items, got ${produced} (${result.error?.message})`);
			}
		}
		const medianMs = median(durations);
		figures.push({ name, work, medianMs, perUnit: `${((medianMs / units) * 1000).toFixed(0)} µs` });
	}

	const HOLD_ITEMS = 500;
	await measure('Hold, 500 items in one execution', `${HOLD_ITEMS} POST /sessions/{id}/hold + 1 sign-in`, () => {
		const ids = Array.from({ length: HOLD_ITEMS }, () => simulator.addSession({ channel: 'Voice', callState: 'Connected' }).id);
		return {
			parameters: { operation: 'hold', sessionId: sessionById('={{ $json.id }}'), reason: 'None' },
			items: ids.map((id) => ({ id })),
			expectedItems: HOLD_ITEMS,
		};
	});

	const LIVE_SESSIONS = 2000;
	await measure(
		'Get Active, 2,000 added to the seeded live sessions, simplified',
		'1 GET /portal/active-sessions + 1 sign-in, one item per session',
		() => {
			for (let index = 0; index < LIVE_SESSIONS; index++) simulator.addSession({ channel: 'Voice', callState: 'Ringing' });
			const live = [...simulator.sessions.values()].filter((session) => !session.ended).length;
			return {
				parameters: { operation: 'getActive', returnAll: true, simplify: true },
				items: [{}],
				expectedItems: live,
			};
		},
	);

	await simulator.close();

	const lines = [
		'# Benchmark results',
		'',
		'Written by `npm run bench` (test/bench/bench.ts): workflows run through n8n-core\'s',
		'WorkflowExecute in-process against the Evo Voice simulator over loopback HTTP.',
		`Median of ${REPEATS} runs; each run starts signed out, so it includes one sign-in.`,
		'',
		`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
		`Measured: ${new Date().toISOString().slice(0, 10)}.`,
		'',
		'| Case | Work | Median | Per request or item |',
		'|---|---|---|---|',
		...figures.map((figure) => `| ${figure.name} | ${figure.work} | ${figure.medianMs.toFixed(0)} ms | ${figure.perUnit} |`),
		'',
	];
	const text = lines.join('\n');
	mkdirSync(join(__dirname, '..', '..', 'bench'), { recursive: true });
	writeFileSync(join(__dirname, '..', '..', 'bench', 'RESULTS.md'), text);
	process.stdout.write(text);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
