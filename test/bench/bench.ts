/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- benchmark script that runs in plain Node, never inside n8n */
/**
 * `npm run bench`: the Evo Voice node side by side with what a user would otherwise wire up —
 * n8n's HTTP Request node — in the pinned real n8n, against the simulator, and the floor of a
 * plain keep-alive HTTP loop. Each case is one `n8n execute` of a workflow; the time is the
 * measured node's own execution time from n8n's run data, the memory the process's peak RSS
 * (GNU time). Median of three runs. Writes bench/RESULTS.md.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { createPoller } from '../harness/poller';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import type { WorkflowJson } from '../e2e/fixtures';
import { SIMULATOR_CREDENTIAL, packagedN8nWithSimulator, workflowOverIds } from '../e2e/fixtures';
import type { N8nInstance } from '../e2e/n8n';
import { REPO_ROOT, SEGFAULT_EXIT_CODE, firstJsonObject } from '../e2e/n8n';
import type { Simulator } from '../simulator/server';
import { DEMO_USER } from '../simulator/server';
import { listsSection, measureLists } from './lists';
import { measurePickers } from './pickers';

export const RUNS = 3;
const HOLD_SIZES = (process.env.EVOVOICE_BENCH_HOLD_SIZES ?? '1000,10000').split(',').map(Number);
const LIVE_SESSIONS = 10_000;
const BATCH_SIZE = 10;
export const HEADER_CREDENTIAL = { id: 'benchCookieHeader', name: 'Evo Voice session cookie' };
/**
 * `EVOVOICE_BENCH_ONLY=lists` measures the lists alone and rewrites only their section;
 * `EVOVOICE_BENCH_ONLY=active` prints Get Active's pairs alone (to profile it).
 */
const ONLY = process.env.EVOVOICE_BENCH_ONLY;
/** `EVOVOICE_BENCH_PIN=n8n-2.40` measures in another pin folder of test/e2e than the newest 2.x. */
if (process.env.EVOVOICE_BENCH_PIN) (globalThis as { EVOVOICE_N8N_PIN?: string }).EVOVOICE_N8N_PIN = process.env.EVOVOICE_BENCH_PIN;

export interface Measurement {
	nodeMs: number;
	peakRssMb: number;
	/** With `sampleMemory`: the process's peaks as V8 and Node count them (see MEMORY_SAMPLER). */
	memory?: MemoryPeaks;
}

/** Peaks of `process.memoryUsage()` over a run, in MB, and the collections V8 made. */
export interface MemoryPeaks {
	heapUsedMb: number;
	externalMb: number;
	arrayBuffersMb: number;
	minorGcs: number;
	majorGcs: number;
}

/**
 * Loaded with `--require` into the measured process: samples `process.memoryUsage()` every 5 ms
 * and counts V8's collections, and writes the peaks to EVOVOICE_BENCH_MEMORY_FILE as it exits.
 * Peak RSS alone cannot tell bytes a node holds from garbage awaiting collection (Buffers a
 * socket filled are freed only when V8 next collects) or memory the allocator keeps; the split
 * into heap and ArrayBuffers, with the collection counts, can. Plain CommonJS: the measured Node
 * has no TypeScript.
 */
const MEMORY_SAMPLER = `
const { writeFileSync } = require('node:fs');
const { PerformanceObserver, constants } = require('node:perf_hooks');
const peak = { heapUsed: 0, external: 0, arrayBuffers: 0 };
const gcs = { minor: 0, major: 0 };
const sample = () => {
	const usage = process.memoryUsage();
	for (const key of Object.keys(peak)) peak[key] = Math.max(peak[key], usage[key]);
};
setInterval(sample, 5).unref();
new PerformanceObserver((list) => {
	for (const entry of list.getEntries()) {
		if (entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gcs.major++;
		else if (entry.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR) gcs.minor++;
	}
}).observe({ entryTypes: ['gc'] });
process.on('exit', () => {
	sample();
	const mb = (bytes) => bytes / 1024 / 1024;
	writeFileSync(process.env.EVOVOICE_BENCH_MEMORY_FILE, JSON.stringify({
		heapUsedMb: mb(peak.heapUsed), externalMb: mb(peak.external), arrayBuffersMb: mb(peak.arrayBuffers),
		minorGcs: gcs.minor, majorGcs: gcs.major,
	}));
});
`;

/** How a case is run: n8n settings for its process, and whether its memory is sampled. */
export interface RunOptions {
	env?: Record<string, string>;
	sampleMemory?: boolean;
}

export interface Row {
	case: string;
	units: number;
	unit: string;
	runs: Measurement[];
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Signs in to the simulator as the HTTP Request node's user would, once, by hand. */
export async function signInCookie(simulatorUrl: string, login: { email: string; password: string } = DEMO_USER): Promise<string> {
	const response = await fetch(`${simulatorUrl}/auth/credentials`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ provider: 'credentials', userName: login.email, password: login.password, rememberMe: true }),
	});
	return response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0])
		.join('; ');
}

/** The floor: the same holds from a plain keep-alive loop, `concurrency` in flight. */
async function rawLoop(simulatorUrl: string, cookie: string, sessionId: string, count: number, concurrency: number) {
	const url = new URL(`${simulatorUrl}/sessions/${sessionId}/hold`);
	const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
	const body = JSON.stringify({ sessionId, reason: 'None' });
	const holdOnce = () =>
		new Promise<void>((resolve, reject) => {
			const outgoing = request(
				url,
				{ method: 'POST', agent, headers: { cookie, 'content-type': 'application/json', accept: 'application/json' } },
				(response) => {
					response.resume();
					response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
				},
			);
			outgoing.on('error', reject);
			outgoing.end(body);
		});
	let next = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next++ < count) await holdOnce();
		}),
	);
	const elapsed = performance.now() - started;
	agent.destroy();
	return elapsed;
}

/** `count` items of `{ id }` → the node under test, named "Measured" (and what follows it). */
function workflowAround(id: string, count: number, sessionId: string, measured: WorkflowJson['nodes'][number], extra: WorkflowJson['nodes'] = []): WorkflowJson {
	return workflowOverIds(id, Array.from({ length: count }, () => sessionId), { ...measured, id: 'measured', name: 'Measured' }, {
		nodes: extra,
		connections: extra.length > 0 ? { Measured: { main: [[{ node: extra[0].name, type: 'main', index: 0 }]] } } : {},
	});
}

/** A workflow that runs `measured` once on one item (then `after`, chained). */
export function once(id: string, measured: WorkflowJson['nodes'][number], after: WorkflowJson['nodes'] = []): WorkflowJson {
	return workflowAround(id, 1, 'once', measured, after);
}

/** Both nodes get the session as a fixed value, as a user holding one known call would set it. */
const evoVoiceHold = (sessionId: string, batch?: number): WorkflowJson['nodes'][number] => ({
	name: 'Measured',
	type: 'n8n-nodes-evovoice.evoVoice',
	typeVersion: 1,
	parameters: {
		resource: 'session',
		operation: 'hold',
		sessionId: { __rl: true, mode: 'id', value: sessionId },
		reason: 'None',
		options: batch ? { batching: { batch: { batchSize: batch, batchInterval: 0 } } } : {},
	},
	credentials: { evoVoiceApi: SIMULATOR_CREDENTIAL },
});

export const httpRequest = (url: string, method: 'GET' | 'POST', batch?: number, body?: string): WorkflowJson['nodes'][number] => ({
	name: 'Measured',
	type: 'n8n-nodes-base.httpRequest',
	typeVersion: 4.5,
	parameters: {
		method,
		url,
		authentication: 'genericCredentialType',
		genericAuthType: 'httpHeaderAuth',
		...(body ? { sendBody: true, specifyBody: 'json', jsonBody: body } : {}),
		options: batch ? { batching: { batch: { batchSize: batch, batchInterval: 0 } } } : {},
	},
	credentials: { httpHeaderAuth: HEADER_CREDENTIAL },
});

/** The live sessions Get Active reads. Callers differ from session to session, as in a real queue, so repeated text flatters nothing. */
function seedLiveSessions(simulator: Simulator) {
	for (let index = 0; index < LIVE_SESSIONS; index++) {
		simulator.addSession({ channel: 'Voice', callState: 'Ringing', fromAddress: `+1555${String(index).padStart(7, '0')}`, fromName: `Caller ${index}` });
	}
}

const getActiveNode = (simplify: boolean): WorkflowJson['nodes'][number] => ({
	name: 'Measured',
	type: 'n8n-nodes-evovoice.evoVoice',
	typeVersion: 1,
	parameters: { resource: 'session', operation: 'getActive', returnAll: true, simplify, filters: {} },
	credentials: { evoVoiceApi: SIMULATOR_CREDENTIAL },
});

const splitSessions = { id: 'splitSessions', name: 'Split Sessions', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [800, 0], parameters: { fieldToSplitOut: 'sessions', options: {} } };

/** Get Active (Simplify off: the same records) against HTTP Request + Split Out, in interleaved pairs. */
async function measureActivePairs(instance: N8nInstance, simulator: Simulator): Promise<PairedRows> {
	const live = [...simulator.sessions.values()].filter((session) => !session.ended).length;
	return await measurePairs(
		instance,
		{ workflow: workflowAround('benchActivePairOurs', 1, '', getActiveNode(false)), nodes: ['Measured'], label: 'Evo Voice node, Simplify off' },
		{
			workflow: workflowAround('benchActivePairHttp', 1, '', httpRequest(`${simulator.url}/portal/active-sessions`, 'GET'), [splitSessions]),
			nodes: ['Measured', 'Split Sessions'],
			label: 'HTTP Request + Split Out',
		},
		live,
		'session',
	);
}

/** `EVOVOICE_BENCH_PROFILE=<folder>`: each `n8n execute` writes a V8 CPU profile there (where the time goes). */
function profileFlags(): string[] {
	const folder = process.env.EVOVOICE_BENCH_PROFILE;
	return folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : [];
}

/**
 * Runs `node <args>` under GNU time, its output to `outputFile`; its stderr and peak RSS (MB),
 * and with `sampleMemory` its MemoryPeaks (undefined when it died before writing them).
 */
export async function timedNode(
	nodeBinary: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	outputFile: string,
	{ sampleMemory = false, accept = [0] }: { sampleMemory?: boolean; accept?: number[] } = {},
): Promise<{ stderr: string; peakRssMb: number; memory?: MemoryPeaks }> {
	const folder = mkdtempSync(join(tmpdir(), 'evovoice-bench-memory-'));
	const sampler = join(folder, 'sampler.js');
	const memoryFile = join(folder, 'memory.json');
	if (sampleMemory) writeFileSync(sampler, MEMORY_SAMPLER);
	const output = openSync(outputFile, 'w');
	let stderr = '';
	try {
		await new Promise<void>((resolve, reject) => {
			const child = spawn('/usr/bin/time', ['-f', 'peak-rss-kb=%M', nodeBinary, ...(sampleMemory ? ['--require', sampler] : []), ...args], {
				env: { ...env, ...(sampleMemory ? { EVOVOICE_BENCH_MEMORY_FILE: memoryFile } : {}) },
				stdio: ['ignore', output, 'pipe'],
			});
			child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			child.once('error', reject);
			child.once('exit', (code) => (accept.includes(code ?? -1) ? resolve() : reject(new Error(`${args.join(' ')}: exit ${code}\n${stderr.slice(-3000)}`))));
		});
		const memory = sampleMemory && existsSync(memoryFile) ? (JSON.parse(readFileSync(memoryFile, 'utf8')) as MemoryPeaks) : undefined;
		return { stderr, peakRssMb: Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1]) / 1024, memory };
	} finally {
		closeSync(output);
		rmSync(folder, { recursive: true, force: true });
	}
}

/**
 * Runs a workflow with `n8n execute` under GNU time; the measured node's time and the peak RSS.
 * n8n's output goes to a file: through a pipe, a 10,000-item run is cut short when n8n exits
 * before the pipe has drained. `options.env` sets n8n settings for this process only.
 */
async function execute(instance: N8nInstance, workflowId: string, nodes: string[], options: RunOptions = {}): Promise<Measurement> {
	const env = await instance.env(options.env);
	const folder = mkdtempSync(join(tmpdir(), 'evovoice-bench-'));
	const outputFile = join(folder, 'run.json');
	// n8n now and then crashes (SIGSEGV) in its own shutdown, after printing the run, which is then read.
	const { stderr, peakRssMb, memory } = await timedNode(
		instance.install.node,
		[...profileFlags(), instance.install.n8n, 'execute', `--id=${workflowId}`, '--rawOutput'],
		env,
		outputFile,
		{ sampleMemory: options.sampleMemory, accept: [0, SEGFAULT_EXIT_CODE] },
	).catch((error: Error) => {
		throw new Error(`${workflowId}: ${error.message}`);
	});
	const stdout = readFileSync(outputFile, 'utf8');
	rmSync(folder, { recursive: true, force: true });
	const run = firstJsonObject(stdout) as
		| { data: { resultData: { error?: { message: string }; runData: Record<string, Array<{ executionTime: number }>> } } }
		| undefined;
	if (run === undefined) throw new Error(`${workflowId}: n8n printed no run\n${stdout.slice(0, 2000)}\n${stderr.slice(-3000)}`);
	if (run.data.resultData.error) throw new Error(`${workflowId}: ${run.data.resultData.error.message}`);
	const nodeMs = nodes.reduce((sum, node) => sum + run.data.resultData.runData[node][0].executionTime, 0);
	return { nodeMs, peakRssMb, memory };
}

export async function measureWorkflow(
	instance: N8nInstance,
	workflow: WorkflowJson,
	nodes: string[],
	label: string,
	units: number,
	unit: string,
	extraEnv: Record<string, string> = {},
): Promise<Row> {
	await instance.importWorkflows([workflow]);
	const runs: Measurement[] = [];
	for (let run = 0; run < RUNS; run++) {
		runs.push(await execute(instance, workflow.id, nodes, { env: extraEnv }));
		process.stdout.write(`${label}: run ${run + 1}: ${runs[run].nodeMs} ms, ${runs[run].peakRssMb.toFixed(0)} MB\n`);
	}
	return { case: label, units, unit, runs };
}

/** How many interleaved pairs (ours and theirs, the order reversed every other pair) a side-by-side case runs. */
export const PAIRS = 5;

export interface PairedRows {
	ours: Row;
	theirs: Row;
	/** Ours ÷ theirs, pair by pair. */
	ratios: number[];
}

/** A workflow to measure, the nodes whose times add up to its time, and its label. */
export interface Measured {
	workflow: WorkflowJson;
	nodes: string[];
	label: string;
}

/**
 * Several workflows measured in interleaved rounds (one run of each per round), so a slow moment
 * of the machine falls on all of them: each is run once unmeasured first (with prepared answers
 * on, that run prepares them). Every other round runs them in reverse order, so no case always
 * follows the same one (a run may pay for what ran just before it: its disk writes, the memory it
 * freed). One Row per workflow, runs in round order.
 */
export async function measureRounds(
	instance: N8nInstance,
	cases: Measured[],
	units: number,
	unit: string,
	rounds: number,
	options: RunOptions = {},
): Promise<Row[]> {
	await instance.importWorkflows(cases.map((measured) => measured.workflow));
	for (const measured of cases) await execute(instance, measured.workflow.id, measured.nodes, options);
	const rows: Row[] = cases.map((measured) => ({ case: measured.label, units, unit, runs: [] }));
	for (let round = 0; round < rounds; round++) {
		const line: string[] = [];
		const order = [...cases.entries()];
		if (round % 2 === 1) order.reverse();
		for (const [index, measured] of order) {
			const run = await execute(instance, measured.workflow.id, measured.nodes, options);
			rows[index].runs.push(run);
			line.push(`${measured.label} ${run.nodeMs} ms, ${run.peakRssMb.toFixed(0)} MB`);
		}
		process.stdout.write(`round ${round + 1}: ${line.join('; ')}\n`);
	}
	return rows;
}

/** Two workflows measured in interleaved pairs (see measureRounds), with ours ÷ theirs pair by pair. */
export async function measurePairs(
	instance: N8nInstance,
	ours: Measured,
	theirs: Measured,
	units: number,
	unit: string,
	pairs = PAIRS,
	options: RunOptions = {},
): Promise<PairedRows> {
	const [oursRow, theirsRow] = await measureRounds(instance, [ours, theirs], units, unit, pairs, options);
	const ratios = oursRow.runs.map((run, pair) => run.nodeMs / theirsRow.runs[pair].nodeMs);
	process.stdout.write(`${ours.label} ÷ ${theirs.label}: pairs ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}\n`);
	return { ours: oursRow, theirs: theirsRow, ratios };
}

interface MemoryRun {
	items: number;
	peakHeapMb: number;
	peakBuffersMb: number;
	peakTotalMb: number;
	retainedMb: number;
}

interface MemoryRow {
	simplify: boolean;
	runs: MemoryRun[];
}

/**
 * Get Active's own memory, each run in a fresh process (test/bench/active-memory.ts). The child
 * is awaited, never waited for synchronously: the simulator it talks to runs in this process.
 */
async function measureActiveMemory(simulator: Simulator, simplify: boolean, responseMb: number): Promise<MemoryRow> {
	const row: MemoryRow = { simplify, runs: [] };
	for (let run = 0; run < RUNS; run++) {
		const child = spawn(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', join(__dirname, 'active-memory.ts')], {
			cwd: REPO_ROOT,
			env: { ...process.env, EVOVOICE_BENCH_SIMULATOR_URL: simulator.url, EVOVOICE_BENCH_SIMPLIFY: String(simplify), TS_NODE_PREFER_TS_EXTS: 'true' },
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const status = await new Promise<number | null>((resolve, reject) => {
			child.once('error', reject);
			child.once('close', resolve);
		});
		const result = JSON.parse(stdout.trim().split('\n').pop() || 'null') as (MemoryRun & { error?: string }) | null;
		if (status !== 0 || result === null || result.error !== undefined) throw new Error(`Get Active memory: ${result?.error ?? stderr}`);
		row.runs.push(result);
		process.stdout.write(
			`Get Active memory, Simplify ${simplify ? 'on' : 'off'}: run ${run + 1}: heap +${result.peakHeapMb.toFixed(1)} MB (${(result.peakHeapMb / responseMb).toFixed(2)}× the answer), Buffers +${result.peakBuffersMb.toFixed(1)} MB, retained ${result.retainedMb.toFixed(1)} MB\n`,
		);
	}
	return row;
}

/** The trigger's steady-state poll over the live sessions, through n8n-core's poll context. */
async function measurePoll(simulator: Simulator): Promise<Row> {
	const runs: Measurement[] = [];
	for (let run = 0; run < RUNS; run++) {
		const poller = createPoller({ events: ['sessionStarted', 'sessionChanged', 'sessionEnded'] }, simulatorCredentialsHelper(simulator));
		await poller.poll();
		const started = performance.now();
		await poller.poll();
		runs.push({ nodeMs: performance.now() - started, peakRssMb: Number.NaN });
	}
	return { case: 'Trigger: a poll with nothing changed (in-process, n8n-core PollContext)', units: LIVE_SESSIONS, unit: 'session', runs };
}

export function perUnit(row: Row): number {
	return median(row.runs.map((run) => run.nodeMs)) / row.units;
}

async function main() {
	const { simulator, instance } = await packagedN8nWithSimulator();
	const rows: Row[] = [];
	const ratios: string[] = [];
	try {
		const cookie = await signInCookie(simulator.url);
		await instance.importCredentials([
			{ ...HEADER_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'Cookie', value: cookie } },
		]);
		if (ONLY === 'lists') {
			writeResultsSection('lists', listsSection(await measureLists(instance, simulator)));
			process.stdout.write('bench/RESULTS.md: the lists section written\n');
			return;
		}
		if (ONLY === 'active') {
			seedLiveSessions(simulator);
			for (const prepared of [false, true]) {
				simulator.prepareAnswers(prepared);
				const pairs = await measureActivePairs(instance, simulator);
				process.stdout.write(`prepared ${prepared}: ratios ${pairs.ratios.map((ratio) => ratio.toFixed(2)).join(', ')}\n`);
			}
			return;
		}
		// The lists first: Session → Get Many reads ended sessions only before the live ones are added.
		const lists = listsSection(await measureLists(instance, simulator));
		const pickers = await measurePickers(simulator);
		const sessionId = simulator.addSession({ channel: 'Voice', callState: 'Connected' }).id;
		const holdUrl = `${simulator.url}/sessions/${sessionId}/hold`;
		const holdBody = JSON.stringify({ sessionId, reason: 'None' });

		// The floor, and proof that the simulator is not what limits n8n.
		const raw: Record<number, number> = {};
		for (const concurrency of [1, BATCH_SIZE]) {
			const times = [];
			for (let run = 0; run < RUNS; run++) times.push(await rawLoop(simulator.url, cookie, sessionId, 10_000, concurrency));
			raw[concurrency] = median(times) / 10_000;
			simulator.clearRequests();
		}

		for (const count of HOLD_SIZES) {
			const variants: Array<[string, WorkflowJson['nodes'][number]]> = [
				['Evo Voice node, defaults (sequential)', evoVoiceHold(sessionId)],
				[`Evo Voice node, batching ${BATCH_SIZE}`, evoVoiceHold(sessionId, BATCH_SIZE)],
				['HTTP Request node, defaults', httpRequest(holdUrl, 'POST', undefined, holdBody)],
				[`HTTP Request node, batching ${BATCH_SIZE}`, httpRequest(holdUrl, 'POST', BATCH_SIZE, holdBody)],
			];
			const measured: Row[] = [];
			for (const [label, node] of variants) {
				const id = `bench${label.replace(/[^A-Za-z0-9]/g, '').slice(0, 20)}${count}`;
				measured.push(await measureWorkflow(instance, workflowAround(id, count, sessionId, node), ['Measured'], `Hold ×${count.toLocaleString('en')}: ${label}`, count, 'item'));
				simulator.clearRequests();
			}
			rows.push(...measured);
			const [ours, oursBatched, http] = measured;
			const rss = (row: Row) => median(row.runs.map((run) => run.peakRssMb));
			ratios.push(
				`| Hold ×${count.toLocaleString('en')} | ${(perUnit(ours) / perUnit(http)).toFixed(2)} (target ≤ 0.7) | ${(perUnit(oursBatched) / perUnit(http)).toFixed(2)} (target ≤ 0.5) | ${(rss(ours) / rss(http)).toFixed(2)} (target ≤ 1.0) | ${(perUnit(ours) / raw[1]).toFixed(1)} |`,
			);
		}

		seedLiveSessions(simulator);
		const liveSessions = [...simulator.sessions.values()].filter((session) => !session.ended);
		const live = liveSessions.length;
		const responseMb = Buffer.byteLength(JSON.stringify({ sessions: liveSessions })) / 1024 / 1024;
		const activeSimple = await measureWorkflow(
			instance,
			workflowAround('benchActiveOursSimple', 1, sessionId, getActiveNode(true)),
			['Measured'],
			`Get Active over ${live.toLocaleString('en')} live sessions (computed answers): Evo Voice node, Simplify on (default)`,
			live,
			'session',
		);
		for (const prepared of [false, true]) {
			const server = prepared ? 'prepared' : 'computed';
			simulator.prepareAnswers(prepared);
			const { ours, theirs, ratios: pairRatios } = await measureActivePairs(instance, simulator);
			simulator.prepareAnswers(false);
			ours.case = `Get Active over ${live.toLocaleString('en')} live sessions (${server} answers): ${ours.case}`;
			theirs.case = `Get Active over ${live.toLocaleString('en')} live sessions (${server} answers): ${theirs.case}`;
			rows.push(ours, theirs);
			const rss = (row: Row) => median(row.runs.map((run) => run.peakRssMb));
			ratios.push(
				`| Get Active over ${live.toLocaleString('en')}, Simplify off, ${server} answers | ${(perUnit(ours) / perUnit(theirs)).toFixed(2)}; pairs ${Math.min(...pairRatios).toFixed(2)}–${Math.max(...pairRatios).toFixed(2)} (target ≤ ${prepared ? '0.8 in every pair' : '1.0'}) | | ${(rss(ours) / rss(theirs)).toFixed(2)} | |`,
			);
		}
		rows.push(activeSimple);
		rows.push(await measurePoll(simulator));
		const memoryRows = [await measureActiveMemory(simulator, false, responseMb), await measureActiveMemory(simulator, true, responseMb)];

		const table = rows.map((row) => {
			const times = row.runs.map((run) => run.nodeMs);
			const rss = row.runs.map((run) => run.peakRssMb);
			const rssText = rss.every((value) => Number.isNaN(value)) ? '—' : `${median(rss).toFixed(0)} MB`;
			return `| ${row.case} | ${median(times).toFixed(0)} ms (${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)}) | ${((perUnit(row)) * 1000).toFixed(0)} µs/${row.unit} | ${rssText} |`;
		});
		const text = [
			'# Benchmark results',
			'',
			'Written by `npm run bench` (test/bench/bench.ts). Each case is one `n8n execute` of a',
			`workflow in n8n ${instance.install.version} (the pinned 2.x, test/e2e/n8n) with this package installed from its tarball,`,
			'against the Evo Voice simulator on loopback, which runs in the bench process. Time is the',
			"measured node's own execution time from n8n's run data (HTTP Request + Split Out: both",
			'nodes); memory is the peak RSS of the whole `n8n execute` process (GNU time).',
			`Median of ${RUNS} runs, or of ${PAIRS} interleaved pairs where a case is paired (min–max in brackets). The Evo Voice node signs in on its first run; n8n keeps the session in the credential for the later runs.`,
			'The HTTP Request node uses Header Auth with a session cookie signed in beforehand.',
			'',
			`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, bench on Node ${process.version}, n8n on Node 24.`,
			`Measured: ${new Date().toISOString().slice(0, 10)}.`,
			'',
			'## Floor: a plain keep-alive HTTP loop (10,000 holds)',
			'',
			`- one at a time: ${(raw[1] * 1000).toFixed(0)} µs/request`,
			`- ${BATCH_SIZE} in flight: ${(raw[BATCH_SIZE] * 1000).toFixed(0)} µs/request — the simulator answers far faster than n8n sends, so it is not the bottleneck.`,
			'',
			'## Cases',
			'',
			'| Case | Node time | Per unit | Peak RSS |',
			'|---|---|---|---|',
			...table,
			'',
			'## Ratios (Evo Voice node ÷ HTTP Request node at its defaults)',
			'',
			'| Work | Time per item, our defaults | Time per item, ours batched 10 | Peak RSS | Ours ÷ raw loop |',
			'|---|---|---|---|---|',
			...ratios,
			'',
			`Get Active's answer over ${live.toLocaleString('en')} live sessions is ${responseMb.toFixed(1)} MB of JSON.`,
			'',
			"## Get Active: the node's own memory (in-process)",
			'',
			'Each run is a fresh Node process (test/bench/active-memory.ts, on the bench\'s Node) that',
			"runs Get Active through n8n-core's engine against the simulator in another process. Peaks",
			'are sampled every millisecond during the run, garbage included, over what was in use before',
			"it: the JavaScript heap (the node's sessions, items and text) and Buffers (the bytes Node's",
			'HTTP client received: each is dead once read, but freed only when V8 next collects, which no',
			"code run through n8n's request helper can hasten). Retained: the heap in use once the run is",
			`over and garbage is collected (the items). Median of ${RUNS}; the answer is ${responseMb.toFixed(1)} MB.`,
			'',
			'| Get Active over the live sessions | Items | Peak heap | Heap ÷ answer (target ≤ 2.0) | Peak Buffers (received, awaiting GC) | Peak heap + Buffers | Retained | Retained ÷ answer |',
			'|---|---|---|---|---|---|---|---|',
			...memoryRows.map((row) => {
				const of = (pick: (run: MemoryRun) => number) => median(row.runs.map(pick));
				const heap = of((run) => run.peakHeapMb);
				const retained = of((run) => run.retainedMb);
				return `| Simplify ${row.simplify ? 'on (default)' : 'off'} | ${row.runs[0].items.toLocaleString('en')} | ${heap.toFixed(1)} MB | ${(heap / responseMb).toFixed(2)} | ${of((run) => run.peakBuffersMb).toFixed(1)} MB | ${of((run) => run.peakTotalMb).toFixed(1)} MB | ${retained.toFixed(1)} MB | ${(retained / responseMb).toFixed(2)} |`;
			}),
		].join('\n');
		writeFileSync(RESULTS_FILE, withKeptSections(text));
		writeResultsSection('lists', lists);
		writeResultsSection('pickers', pickers);
		process.stdout.write(text);
	} finally {
		await simulator.close();
		instance.remove();
	}
}

export const RESULTS_FILE = join(REPO_ROOT, 'bench', 'RESULTS.md');

/** A section of RESULTS.md that another bench script writes, between its two markers. */
const SECTION = /<!-- bench:(\w+) -->[\s\S]*?<!-- \/bench:\1 -->\n?/g;

/** The new results with the other scripts' sections of the old file kept at their end. */
function withKeptSections(text: string): string {
	const old = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '';
	return [text, ...(old.match(SECTION) ?? [])].join('\n');
}

/** Writes (or replaces) one script's section of RESULTS.md, leaving the rest as it is. */
export function writeResultsSection(name: string, body: string) {
	const section = `<!-- bench:${name} -->\n${body.trimEnd()}\n<!-- /bench:${name} -->\n`;
	const old = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : '';
	const marker = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->\\n?`);
	writeFileSync(RESULTS_FILE, marker.test(old) ? old.replace(marker, () => section) : `${old.trimEnd()}\n\n${section}`);
}

// `npm run bench` runs it; other bench scripts import the helpers above.
if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`${(error as Error).stack}\n`);
		process.exitCode = 1;
	});
}
