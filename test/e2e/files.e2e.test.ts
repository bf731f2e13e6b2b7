/**
 * Files in a real n8n, with the packed package: File → Get Many, Get and Download (bytes, name
 * and type in n8n's binary data; the sign-in seen only by the Evo Voice origin), then the example
 * "new voicemail to Slack" published in a running n8n: its New File event reports a voicemail
 * once, with its audio, across minute polls. Listing files signs in as a Manager, as Evo Voice
 * requires: the example, as shipped, uses the Manager credential that `npm run dev` imports too.
 */
import { sleep } from 'n8n-workflow';

import { fileBytes } from '../simulator/files';
import type { Simulator } from '../simulator/server';
import { expectSuccess, finishedExecution, listExecutions, parseRunData, waitFor } from './executions';
import type { WorkflowJson } from './fixtures';
import { MANAGER_SIMULATOR_CREDENTIAL, packagedN8nWithSimulator, readExamples } from './fixtures';
import type { ExecutionResult, N8nInstall, N8nInstance, RunningN8n } from './n8n';
import { N8nRestClient } from './n8n';

const FILES_WORKFLOW_ID = 'e2eFiles000001';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** The example as shipped, its credential included. */
const VOICEMAIL_EXAMPLE = readExamples().find((workflow) => workflow.id === 'evoExVoicemail01')!;

/** Node name → parameters, run in a chain, each once. */
const steps: Array<[name: string, type: string, parameters: Record<string, unknown>]> = [
	['List Voicemail', 'n8n-nodes-evovoice.evoVoice', { resource: 'file', operation: 'getMany', returnAll: true, filters: { types: ['VoiceMessage'] }, download: true }],
	['Get Stored Fax', 'n8n-nodes-evovoice.evoVoice', { resource: 'file', operation: 'get', fileId: byId('fil-att-0001'), download: true }],
	['Download Voicemail', 'n8n-nodes-evovoice.evoVoice', { resource: 'file', operation: 'download', fileId: byId('fil-vm-0001') }],
	// Reads the bytes back from n8n's binary data store, whichever mode it is in.
	['Bytes As Base64', 'n8n-nodes-base.extractFromFile', { operation: 'binaryToPropery', binaryPropertyName: 'data', destinationKey: 'base64' }],
];

function filesWorkflow(): WorkflowJson {
	const chain = ['Run Now', ...steps.map(([name]) => name)];
	return {
		id: FILES_WORKFLOW_ID,
		name: 'e2e: files',
		nodes: [
			{ id: 'manual', name: 'Run Now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...steps.map(([name, type, parameters], index) => ({
				id: `step${index}`,
				name,
				type,
				typeVersion: 1,
				position: [240 * (index + 1), 0],
				parameters,
				...(type.startsWith('n8n-nodes-evovoice.') ? { credentials: { evoVoiceApi: MANAGER_SIMULATOR_CREDENTIAL }, executeOnce: true } : {}),
			})),
		],
		connections: Object.fromEntries(
			chain.slice(0, -1).map((name, index) => [name, { main: [[{ node: chain[index + 1], type: 'main', index: 0 }]] }]),
		),
	};
}

interface Item {
	json: Record<string, unknown>;
	binary?: Record<string, { fileName?: string; mimeType?: string; fileSize?: string }>;
}

let install: N8nInstall;
let instance: N8nInstance;
let simulator: Simulator;
let result: ExecutionResult;

function outputOf(nodeName: string): Item[] {
	const runs = result.run?.data.resultData.runData[nodeName];
	expect(runs?.[0].error).toBeUndefined();
	return (runs?.[0].data?.main[0] ?? []) as Item[];
}

beforeAll(async () => {
	({ install, simulator, instance } = await packagedN8nWithSimulator());
	await instance.importWorkflows([filesWorkflow(), VOICEMAIL_EXAMPLE]);
	simulator.reset();
	result = await instance.execute(FILES_WORKFLOW_ID);
	expectSuccess(result);
});

afterAll(async () => {
	await simulator?.close();
	instance?.remove();
});

describe('File operations in a real n8n', () => {
	it('Get Many lists the voicemail, each with its bytes named and typed after the file', () => {
		const listed = outputOf('List Voicemail');
		expect(listed.map((item) => item.json.id)).toEqual(['fil-vm-0003', 'fil-vm-0002', 'fil-vm-0001']);
		for (const item of listed) {
			const file = simulator.files.get(String(item.json.id))!;
			expect(item.json).toMatchObject({ type: 'VoiceMessage', transcription: file.transcription });
			expect(item.binary?.data).toMatchObject({ fileName: file.fileName, mimeType: 'audio/mpeg' });
		}
	});

	it('Get follows Evo Voice\'s redirect to storage, and keeps the file\'s name and type', () => {
		const [item] = outputOf('Get Stored Fax');
		expect(item.json).toMatchObject({ id: 'fil-att-0001', type: 'Attachment' });
		expect(item.binary?.data).toMatchObject({ fileName: 'photo-of-damage.png', mimeType: 'image/png' });
	});

	it('Download puts the file\'s exact bytes in binary data', () => {
		const [item] = outputOf('Download Voicemail');
		expect(item.binary?.data).toMatchObject({ fileName: 'fil-vm-0001.mp3', mimeType: 'audio/mpeg' });
		const [read] = outputOf('Bytes As Base64');
		expect(read.json.base64).toBe(fileBytes(simulator.files.get('fil-vm-0001')!).toString('base64'));
	});

	it('the sign-in cookie goes only to the Evo Voice origin', () => {
		const downloads = simulator.fileDownloads.map((download) => ({
			origin: download.origin,
			path: download.path,
			signedIn: Object.keys(download.cookies).length > 0,
		}));
		expect(downloads.length).toBeGreaterThanOrEqual(5);
		for (const download of downloads) expect(download.signedIn).toBe(download.origin === 'evoVoice');
		// fil-vm-0002 lives on the other origin; fil-att-0001 is sent on to it by Evo Voice.
		expect(downloads).toEqual(
			expect.arrayContaining([
				{ origin: 'otherOrigin', path: '/__simulator/files/fil-vm-0002', signedIn: false },
				{ origin: 'evoVoice', path: '/__simulator/files/redirect/fil-att-0001', signedIn: true },
				{ origin: 'otherOrigin', path: '/__simulator/files/fil-att-0001', signedIn: false },
			]),
		);
	});
});

describe('the New File trigger in a running n8n (the example "new voicemail to Slack")', () => {
	let n8n: RunningN8n;
	let rest: N8nRestClient;

	const executions = async () => await listExecutions(rest, VOICEMAIL_EXAMPLE.id);
	/** The trigger's polls since activation: each asks ListFiles oldest first from its cursor. */
	const polls = () => simulator.requests.filter((request) => request.rawPath === '/files' && request.query.sortOrder === 'Ascend').length;

	beforeAll(async () => {
		simulator.reset();
		await instance.publishWorkflow(VOICEMAIL_EXAMPLE.id);
		n8n = await instance.start();
		rest = await N8nRestClient.signIn(n8n.url);
	});

	afterAll(async () => {
		await n8n?.stop();
	});

	it('reports a new voicemail once, with its transcription and audio, and not at the next poll', async () => {
		// Activation polled once for the baseline (the seeded voicemail is not reported).
		await waitFor('the baseline poll', 60_000, () =>
			simulator.requests.some((request) => request.rawPath === '/files' && request.query.sortOrder === 'Descend') ? true : undefined,
		);
		const voicemail = simulator.addFile({
			type: 'VoiceMessage',
			transcription: 'Hi, it is Grace. The demo is at three.',
			recordingDuration: 7,
		});

		const recorded = await waitFor('a trigger execution', 75_000, async () =>
			(await executions()).find((execution) => execution.mode === 'trigger'),
		);
		const run = parseRunData(install, await finishedExecution(rest, recorded.id));
		const reported = run.resultData.runData['New Voicemail'][0].data!.main[0] as Item[];
		expect(reported.map((item) => item.json.id)).toEqual([voicemail.id]);
		expect(reported[0].json).toMatchObject({ event: 'newFile', transcriptionPending: false });
		const [message] = run.resultData.runData['Compose Slack Message'][0].data!.main[0] as Item[];
		expect(message.json.text).toBe(':studio_microphone: New voicemail (7 s, ' + voicemail.dateCreated + '): "Hi, it is Grace. The demo is at three."');
		expect(message.binary?.data).toMatchObject({ fileName: voicemail.fileName, mimeType: 'audio/mpeg' });

		// One more minute poll: nothing new, so no execution.
		const pollsSoFar = polls();
		await waitFor('the next poll', 75_000, () => (polls() > pollsSoFar ? true : undefined));
		// An execution would be recorded right after that poll: a few seconds leave it time to appear.
		await sleep(5_000);
		expect((await executions()).filter((execution) => execution.mode === 'trigger')).toHaveLength(1);
		expect(simulator.fileDownloads.filter((download) => download.path.endsWith(voicemail.id))).toHaveLength(1);
	});
});
