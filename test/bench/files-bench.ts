/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark script that runs in plain Node, never inside n8n */
/**
 * `npm run bench:files`: File → Download of a 50 MB recording side by side with n8n's HTTP
 * Request node (Response Format: File) fetching the same bytes from the same simulator, in
 * n8n's in-memory ("default") and filesystem binary modes, each over the peak RSS of an idle
 * `n8n execute` measured in the same run. Writes its section of bench/RESULTS.md. (File → Get
 * Many is measured with the other lists, in `npm run bench`.)
 */
import { performance } from 'node:perf_hooks';

import type { WorkflowJson } from '../e2e/fixtures';
import { MANAGER_SIMULATOR_CREDENTIAL, packagedN8nWithSimulator } from '../e2e/fixtures';
import type { N8nInstance } from '../e2e/n8n';
import type { Simulator } from '../simulator/server';
import { MANAGER_USER } from '../simulator/server';
import type { Row } from './bench';
import { HEADER_CREDENTIAL, RUNS, httpRequest, measureWorkflow, median, once, signInCookie, writeResultsSection } from './bench';

const RECORDING_BYTES = 50 * 1024 * 1024;
const RECORDING_ID = 'fil-bench-50mb';
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

const time = (row: Row) => median(row.runs.map((run) => run.nodeMs));
const rss = (row: Row) => median(row.runs.map((run) => run.peakRssMb));
const range = (values: number[], digits = 0) =>
	`${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

interface DownloadRows {
	label: string;
	idle: Row;
	ours: Row;
	http: Row;
}

async function measureDownloads(instance: N8nInstance, simulator: Simulator, recordingUrl: string): Promise<DownloadRows[]> {
	const measured: DownloadRows[] = [];
	for (const { mode, label } of BINARY_MODES) {
		const env = { N8N_DEFAULT_BINARY_DATA_MODE: mode };
		const name = (who: string) => `Download 50 MB, ${label}: ${who}`;
		const id = (suffix: string) => `benchFiles${suffix}${mode.slice(0, 4)}`;
		measured.push({
			label,
			idle: await measureWorkflow(instance, once(id('Idle'), idle), ['Measured'], name('idle n8n execute (No Op)'), 1, 'run', env),
			ours: await measureWorkflow(
				instance,
				once(id('Ours'), evoVoiceFile({ operation: 'download', fileId: { __rl: true, mode: 'id', value: RECORDING_ID } })),
				['Measured'],
				name('Evo Voice node, File → Download'),
				RECORDING_BYTES / 1024 / 1024,
				'MB',
				env,
			),
			http: await measureWorkflow(instance, once(id('Http'), httpRequestFile(recordingUrl)), ['Measured'], name('HTTP Request node, Response Format: File'), RECORDING_BYTES / 1024 / 1024, 'MB', env),
		});
		simulator.clearRequests();
	}
	return measured;
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

		const downloadTable = downloads.flatMap(({ idle: idleRow, ours, http: httpRow }) =>
			[idleRow, ours, httpRow].map((row) => {
				const added = row === idleRow ? '—' : `${(rss(row) - rss(idleRow)).toFixed(0)} MB`;
				return `| ${row.case} | ${row === idleRow ? '—' : `${range(row.runs.map((run) => run.nodeMs))} ms`} | ${range(row.runs.map((run) => run.peakRssMb))} MB | ${added} |`;
			}),
		);
		const downloadRatios = downloads.map(({ label, idle: idleRow, ours, http: httpRow }) => {
			const added = (row: Row) => rss(row) - rss(idleRow);
			const filesystem = label === 'filesystem' ? ` | ${added(ours).toFixed(0)} MB (target < ${FILESYSTEM_ADDED_LIMIT_MB} MB)` : ' | —';
			return `| ${label} | ${(time(ours) / time(httpRow)).toFixed(2)} | ${(added(ours) / added(httpRow)).toFixed(2)}${filesystem} |`;
		});
		writeResultsSection('files', [
			'## Files (`npm run bench:files`)',
			'',
			'Written by test/bench/files-bench.ts, in the same pinned n8n and simulator setup as above, with a',
			`Manager login (files need it). Median of ${RUNS} runs, min–max in brackets. Measured: ${new Date().toISOString().slice(0, 10)};`,
			'command: `npm run bench:files`.',
			'',
			'### File → Download of a 50 MB recording',
			'',
			'The same bytes from the same simulator (on its own origin, with the sign-in): the Evo Voice node',
			'(GetFile, then the file\'s address) and the HTTP Request node (Response Format: File, the session',
			'cookie as Header Auth), in n8n\'s in-memory binary mode (`N8N_DEFAULT_BINARY_DATA_MODE=default`)',
			'and its filesystem mode (`=filesystem`, what n8n 2.x uses when the variable is unset). Added peak',
			'= the case\'s peak RSS minus the idle `n8n execute` of a trivial workflow (the same items into a',
			'No Op node) in the same mode. In memory, n8n also writes the run, the file base64 in it, to its',
			'database and to `execute`\'s output: both nodes pay that alike.',
			`A plain client reads the file from the simulator in ${range(rawDownloads)} ms (the floor).`,
			'',
			'| Case | Node time | Peak RSS | Added peak |',
			'|---|---|---|---|',
			...downloadTable,
			'',
			'| Binary mode | Time, ours ÷ HTTP Request (target ≤ 1.0) | Added peak, ours ÷ HTTP Request (target ≤ 1.0) | Ours above idle |',
			'|---|---|---|---|',
			...downloadRatios,
		].join('\n'));
		process.stdout.write('bench/RESULTS.md: the files section written\n');
	} finally {
		await simulator.close();
		instance.remove();
	}
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack}\n`);
	process.exitCode = 1;
});
