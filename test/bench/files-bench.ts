/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark script that runs in plain Node, never inside n8n */
/**
 * `npm run bench:files`: File → Download of a 50 MB recording side by side with n8n's HTTP
 * Request node (Response Format: File) fetching the same bytes from the same simulator, in
 * n8n's in-memory ("default") and filesystem binary modes, each over the peak RSS of an idle
 * `n8n execute` measured in the same run. Writes its section of bench/RESULTS.md. (File → Get
 * Many is measured with the other lists, in `npm run bench`.) `EVOVOICE_BENCH_DOWNLOAD_KB=<size>`
 * measures a file of that size instead and prints the section without writing it (with a small
 * file, only what comes before the body differs: ours signs in and asks GetFile first).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { WorkflowJson } from '../e2e/fixtures';
import { MANAGER_SIMULATOR_CREDENTIAL, packagedN8nWithSimulator } from '../e2e/fixtures';
import type { N8nInstance } from '../e2e/n8n';
import type { Simulator } from '../simulator/server';
import { MANAGER_USER } from '../simulator/server';
import type { MemoryPeaks, Measurement, Row } from './bench';
import { HEADER_CREDENTIAL, RUNS, httpRequest, measureRounds, median, once, signInCookie, timedNode, writeResultsSection } from './bench';

const SIZE_KB = process.env.EVOVOICE_BENCH_DOWNLOAD_KB;
const RECORDING_BYTES = (SIZE_KB === undefined ? 50 * 1024 : Number(SIZE_KB)) * 1024;
const RECORDING_MB = RECORDING_BYTES / 1024 / 1024;
/** "50 MB", or the size asked for. */
const SIZE_TEXT = RECORDING_BYTES >= 1024 * 1024 ? `${RECORDING_MB} MB` : `${RECORDING_BYTES / 1024} KB`;
const RECORDING_ID = 'fil-bench-50mb';
/** Rounds per binary mode: an even number, so each order of the cases runs as often (see measureRounds). */
const ROUNDS = 6;
/** Memory a download may add over the idle process, in the filesystem binary mode. */
const FILESYSTEM_ADDED_LIMIT_MB = 16;

type Node = WorkflowJson['nodes'][number];

/**
 * n8n's binary data modes, set for each `n8n execute` by N8N_DEFAULT_BINARY_DATA_MODE: `default`
 * keeps the bytes in memory (base64 in the item; n8n 1.x's default), `filesystem` writes them to
 * disk (what n8n 2.x uses when the variable is unset, outside queue mode).
 */
const BINARY_MODES = [
	{ mode: 'default', label: 'in memory (`default`)' },
	{ mode: 'filesystem', label: 'filesystem' },
] as const;

const evoVoiceFile = (parameters: Record<string, unknown>): Node => ({
	name: 'Measured',
	type: 'n8n-nodes-evovoice.evoVoice',
	typeVersion: 1.1,
	parameters: { resource: 'file', ...parameters },
	credentials: { evoVoiceApi: MANAGER_SIMULATOR_CREDENTIAL },
});

/** The HTTP Request node fetching the file's address, its body kept as binary data in `data`. */
function httpRequestFile(url: string): Node {
	const node = httpRequest(url, 'GET');
	return {
		...node,
		parameters: { ...node.parameters, options: { response: { response: { responseFormat: 'file', outputPropertyName: 'data' } } } },
	};
}

/** The trivial workflow whose peak RSS is the idle `n8n execute`: the same items, no work. */
const idle: Node = { name: 'Measured', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };

/** Reads `url` to its end as a plain client would, bytes counted and dropped; the floor. */
async function rawRead(url: string, cookie: string): Promise<{ ms: number; bytes: number }> {
	const started = performance.now();
	const response = await fetch(url, { headers: { cookie } });
	let bytes = 0;
	for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
	return { ms: performance.now() - started, bytes };
}

const range = (values: number[], digits = 0) =>
	`${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

/** One binary mode's rounds: the idle process, ours and the HTTP Request node, run by run. */
interface DownloadRows {
	label: string;
	idle: Row;
	ours: Row;
	http: Row;
}

/** What a run adds over the idle run of the same round, for one measure of memory. */
const addedOver = (row: Row, idleRow: Row, measure: (run: Measurement) => number) => row.runs.map((run, round) => measure(run) - measure(idleRow.runs[round]));
const peakRss = (run: Measurement) => run.peakRssMb;
const peakHeap = (run: Measurement) => run.memory?.heapUsedMb ?? Number.NaN;
const peakArrayBuffers = (run: Measurement) => run.memory?.arrayBuffersMb ?? Number.NaN;

async function measureDownloads(instance: N8nInstance, simulator: Simulator, recordingUrl: string): Promise<DownloadRows[]> {
	const measured: DownloadRows[] = [];
	for (const { mode, label } of BINARY_MODES) {
		const name = (who: string) => `Download ${SIZE_TEXT}, ${label}: ${who}`;
		const id = (suffix: string) => `benchFiles${suffix}${mode.slice(0, 4)}`;
		const [idleRow, ours, http] = await measureRounds(
			instance,
			[
				{ workflow: once(id('Idle'), idle), nodes: ['Measured'], label: name('idle n8n execute (No Op)') },
				{
					workflow: once(id('Ours'), evoVoiceFile({ operation: 'download', fileId: { __rl: true, mode: 'id', value: RECORDING_ID } })),
					nodes: ['Measured'],
					label: name('Evo Voice node, File → Download'),
				},
				{ workflow: once(id('Http'), httpRequestFile(recordingUrl)), nodes: ['Measured'], label: name('HTTP Request node, Response Format: File') },
			],
			RECORDING_MB,
			'MB',
			ROUNDS,
			{ env: { N8N_DEFAULT_BINARY_DATA_MODE: mode }, sampleMemory: true },
		);
		measured.push({ label, idle: idleRow, ours, http });
		simulator.clearRequests();
	}
	return measured;
}

/**
 * The floor of the filesystem mode's memory: the Node binary n8n runs on, with nothing of n8n,
 * streams the same file from the simulator to a file as n8n's filesystem store does
 * (`fs.promises.writeFile` of the response stream), against that Node doing nothing.
 */
const PLAIN_DOWNLOAD = `
const { writeFile, rm } = require('node:fs/promises');
const started = performance.now();
require('node:http').get(process.env.BENCH_URL, { headers: { cookie: process.env.BENCH_COOKIE } }, async (response) => {
	const file = require('node:path').join(require('node:os').tmpdir(), 'evovoice-bench-plain-' + process.pid);
	await writeFile(file, response);
	const ms = performance.now() - started;
	const { size } = require('node:fs').statSync(file);
	await rm(file);
	process.stdout.write(JSON.stringify({ ms, size }));
});
`;

async function measurePlainNode(nodeBinary: string, url: string, cookie: string): Promise<{ idle: Row; plain: Row }> {
	const folder = mkdtempSync(join(tmpdir(), 'evovoice-bench-plain-'));
	const output = join(folder, 'out.json');
	const idleRow: Row = { case: 'Plain Node (the one n8n runs on): idle', units: 1, unit: 'run', runs: [] };
	const plain: Row = { case: `Plain Node: the same ${SIZE_TEXT}, socket → file (\`fs.promises.writeFile\` of the response)`, units: RECORDING_MB, unit: 'MB', runs: [] };
	const env = { PATH: process.env.PATH, BENCH_URL: url, BENCH_COOKIE: cookie };
	try {
		for (let round = 0; round < ROUNDS; round++) {
			const still = await timedNode(nodeBinary, ['-e', 'setTimeout(() => {}, 200)'], env, output, { sampleMemory: true });
			idleRow.runs.push({ nodeMs: Number.NaN, peakRssMb: still.peakRssMb, memory: still.memory });
			const streamed = await timedNode(nodeBinary, ['-e', PLAIN_DOWNLOAD], env, output, { sampleMemory: true });
			const { ms, size } = JSON.parse(readFileSync(output, 'utf8')) as { ms: number; size: number };
			if (size !== RECORDING_BYTES) throw new Error(`Plain Node wrote ${size} bytes of ${RECORDING_BYTES}`);
			plain.runs.push({ nodeMs: ms, peakRssMb: streamed.peakRssMb, memory: streamed.memory });
			process.stdout.write(`plain Node: round ${round + 1}: ${ms.toFixed(0)} ms, ${streamed.peakRssMb.toFixed(0)} MB (idle ${still.peakRssMb.toFixed(0)} MB)\n`);
		}
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
	return { idle: idleRow, plain };
}

/** A table row: times, peak RSS, and what it adds over the idle row of each round (RSS, heap, ArrayBuffers), and V8's collections. */
function tableRow(row: Row, idleRow: Row): string {
	const isIdle = row === idleRow;
	const times = row.runs.map((run) => run.nodeMs);
	const added = (measure: (run: Measurement) => number) => (isIdle ? '—' : `${range(addedOver(row, idleRow, measure))} MB`);
	const gcs = (pick: (memory: MemoryPeaks) => number) => median(row.runs.map((run) => (run.memory ? pick(run.memory) : Number.NaN)));
	return `| ${row.case} | ${times.every(Number.isNaN) ? '—' : `${range(times)} ms`} | ${range(row.runs.map(peakRss))} MB | ${added(peakRss)} | ${added(peakHeap)} | ${added(peakArrayBuffers)} | ${gcs((memory) => memory.minorGcs)} / ${gcs((memory) => memory.majorGcs)} |`;
}

async function main() {
	const { simulator, instance } = await packagedN8nWithSimulator();
	try {
		// Its bytes are made chunk by chunk as they are sent (test/simulator/files.ts): never held whole.
		simulator.addFile({ id: RECORDING_ID, type: 'CallRecording', fileName: 'bench-recording-50mb.mp3', contentLength: RECORDING_BYTES, recordingDuration: 3270 });
		const cookie = await signInCookie(simulator.url, MANAGER_USER);
		await instance.importCredentials([{ ...HEADER_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'Cookie', value: cookie } }]);

		// The address GetFile gives, made absolute as the simulator answers it.
		const recordingUrl = new URL(simulator.files.get(RECORDING_ID)!.uri, simulator.url).href;
		const rawDownloads: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			const { ms, bytes } = await rawRead(recordingUrl, cookie);
			if (bytes !== RECORDING_BYTES) throw new Error(`The simulator served ${bytes} bytes of ${RECORDING_BYTES}`);
			rawDownloads.push(ms);
		}
		const downloads = await measureDownloads(instance, simulator, recordingUrl);
		const floor = await measurePlainNode(instance.install.node, recordingUrl, cookie);

		const ratios = (ours: number[], theirs: number[]) => ours.map((value, pair) => value / theirs[pair]);
		const pairsText = (values: number[]) => `${median(values).toFixed(2)} (pairs: ${values.map((value) => value.toFixed(2)).join(', ')})`;
		const downloadRatios = downloads.map(({ label, idle: idleRow, ours, http: httpRow }) => {
			const times = ratios(ours.runs.map((run) => run.nodeMs), httpRow.runs.map((run) => run.nodeMs));
			const added = ratios(addedOver(ours, idleRow, peakRss), addedOver(httpRow, idleRow, peakRss));
			const above = label === 'filesystem' ? `${range(addedOver(ours, idleRow, peakRss))} MB (target < ${FILESYSTEM_ADDED_LIMIT_MB} MB)` : '—';
			return `| ${label} | ${pairsText(times)} | ${pairsText(added)} | ${above} |`;
		});
		const section = [
			'## Files (`npm run bench:files`)',
			'',
			'Written by test/bench/files-bench.ts, in the same pinned n8n and simulator setup as above, with a',
			`Manager login (files need it). ${ROUNDS} interleaved rounds after one unmeasured run of each case, every other round in reverse order;`,
			`median, min–max in brackets. Measured: ${new Date().toISOString().slice(0, 10)}; command: \`npm run bench:files\`.`,
			'',
			`### File → Download of a ${SIZE_TEXT} recording`,
			'',
			'The same bytes from the same simulator (on its own origin, with the sign-in): the Evo Voice node',
			'(sign-in, GetFile, then the file\'s address) and the HTTP Request node (Response Format: File, the',
			'session cookie as Header Auth), in n8n\'s in-memory binary mode (`N8N_DEFAULT_BINARY_DATA_MODE=default`)',
			'and its filesystem mode (`=filesystem`, what n8n 2.x uses when the variable is unset). Each round',
			'runs the idle `n8n execute` of a trivial workflow (the same items into a No Op node), ours and the',
			'HTTP Request node, one after the other, in the same mode. Added = the case\'s peak minus the idle',
			'run\'s of the same round: of RSS (GNU time), and of the heap in use and of ArrayBuffers (Buffers)',
			'as `process.memoryUsage()` sampled every 5 ms in the process counts them, garbage included;',
			'GCs = V8\'s minor / major collections in the whole process. In memory, n8n also writes the run,',
			'the file base64 in it, to its database and to `execute`\'s output: both nodes pay that alike.',
			`A plain client reads the file from the simulator in ${range(rawDownloads)} ms (the floor of time).`,
			'',
			'| Case | Node time | Peak RSS | Added peak RSS | Added peak heap | Added peak ArrayBuffers | GCs |',
			'|---|---|---|---|---|---|---|',
			...downloads.flatMap(({ idle: idleRow, ours, http: httpRow }) => [idleRow, ours, httpRow].map((row) => tableRow(row, idleRow))),
			...[floor.idle, floor.plain].map((row) => tableRow(row, floor.idle)),
			'',
			'| Binary mode | Time, ours ÷ HTTP Request (target ≤ 1.0) | Added peak RSS, ours ÷ HTTP Request (target ≤ 1.0) | Ours above idle |',
			'|---|---|---|---|',
			...downloadRatios,
			'',
			'The plain Node rows are the floor of the filesystem mode\'s memory: the same download, streamed to',
			'a file by Node alone, already adds the garbage of the socket\'s Buffers until V8 collects them',
			'(see bench/NOTES.md, "File → Download").',
		].join('\n');
		if (SIZE_KB === undefined) {
			writeResultsSection('files', section);
			process.stdout.write('bench/RESULTS.md: the files section written\n');
		} else process.stdout.write(`${section}\n`);
	} finally {
		await simulator.close();
		instance.remove();
	}
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
