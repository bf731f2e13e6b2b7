/**
 * Each session lifecycle operation once in a real n8n, with the packed package: one workflow
 * whose Evo Voice nodes run in a chain (each once, whatever the items before it), against the
 * simulator. Recordings and outgoing calls sign in as a Manager, as Evo Voice requires.
 */
import type { Simulator } from '../simulator/server';
import type { ChainStep, WorkflowJson } from './fixtures';
import { MANAGER_SIMULATOR_CREDENTIAL, SIMULATOR_CREDENTIAL, evoVoiceChain, packagedN8nWithSimulator } from './fixtures';
import type { ExecutionResult, N8nInstance } from './n8n';
import { expectSuccess } from './executions';

const WORKFLOW_ID = 'e2eLifecycle01';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Node name → resource, operation and parameters, in the order they run. */
const steps: Array<[name: string, parameters: Record<string, unknown>, manager?: boolean]> = [
	['Get Session', { resource: 'session', operation: 'get', sessionId: byId('ses-0010'), options: { includeLog: true } }],
	['Get Many Sessions', { resource: 'session', operation: 'getMany', returnAll: false, limit: 5, filters: { accountIds: 'acc-northwind' } }],
	['Send Message', { resource: 'chat', operation: 'sendMessage', sessionId: byId('ses-0004'), body: 'Hello from n8n' }],
	['Get Transcript', { resource: 'chat', operation: 'getTranscript', sessionId: byId('ses-0004'), output: 'perMessage' }],
	['Remove Member', { resource: 'chat', operation: 'removeMember', sessionId: byId('ses-0004'), memberToRemove: 'agent@example.com' }],
	['Transfer', { resource: 'session', operation: 'transfer', sessionId: byId('ses-0003'), destination: '+15555550177' }],
	['End', { resource: 'session', operation: 'end', sessionId: byId('ses-0006') }],
	['Get Recordings', { resource: 'recording', operation: 'getMany', sessionId: byId('ses-0010'), returnAll: true, download: true, binaryPropertyName: 'data' }, true],
	['Start Outgoing', { resource: 'call', operation: 'startOutgoing', flowId: 'flw-survey', numberToDial: '+18144043093' }, true],
];

function lifecycleWorkflow(): WorkflowJson {
	return evoVoiceChain(
		WORKFLOW_ID,
		'e2e: session lifecycle',
		steps.map(([name, parameters, manager]): ChainStep => [name, parameters, manager ? MANAGER_SIMULATOR_CREDENTIAL : SIMULATOR_CREDENTIAL]),
	);
}

let simulator: Simulator;
let n8n: N8nInstance;
let result: ExecutionResult;

function outputOf(nodeName: string) {
	const runs = result.run?.data.resultData.runData[nodeName];
	expect(runs?.[0].error).toBeUndefined();
	return runs?.[0].data?.main[0] ?? [];
}

beforeAll(async () => {
	({ simulator, instance: n8n } = await packagedN8nWithSimulator());
	await n8n.importWorkflows([lifecycleWorkflow()]);
	simulator.reset();
	result = await n8n.execute(WORKFLOW_ID);
	expectSuccess(result);
});

afterAll(async () => {
	await simulator?.close();
	n8n?.remove();
});

describe('the session lifecycle operations in a real n8n', () => {
	it('Get reads the session with its log', () => {
		expect(outputOf('Get Session')[0].json).toMatchObject({ id: 'ses-0010', ended: true, log: expect.any(Array) });
	});

	it('Get Many returns one item per session of the account', () => {
		const sessions = outputOf('Get Many Sessions');
		expect(sessions.length).toBe(5);
		for (const item of sessions) expect(item.json.accountId).toBe('acc-northwind');
	});

	it('Send Message returns the MessageInfo, and Get Transcript includes it', () => {
		expect(outputOf('Send Message')[0].json).toMatchObject({ text: 'Hello from n8n', direction: 'Outgoing' });
		expect(outputOf('Get Transcript').map((item) => item.json.body)).toContain('Hello from n8n');
	});

	it('Remove Member, Transfer and End change the sessions on the server', () => {
		expect(outputOf('Remove Member')[0].json.id).toBe('ses-0004');
		expect(simulator.sessions.get('ses-0004')?.members.map((member) => member.identity)).not.toContain('agent@example.com');
		expect(outputOf('Transfer')[0].json).toMatchObject({ id: 'ses-0003', destination: '+15555550177' });
		expect(outputOf('End')[0].json).toMatchObject({ id: 'ses-0006', ended: true, endedSessionFrom: 'GetSession' });
	});

	it('Get Recordings downloads the recording into binary data', () => {
		const [recording] = outputOf('Get Recordings');
		expect(recording.json).toMatchObject({ type: 'CallRecording' });
		const { binary } = recording as { binary?: Record<string, { fileName?: string; mimeType?: string }> };
		expect(binary?.data).toMatchObject({ fileName: recording.json.fileName, mimeType: 'audio/mpeg' });
		expect(simulator.fileDownloads).toHaveLength(1);
	});

	it('Start Outgoing dials the number as a Manager', () => {
		expect(outputOf('Start Outgoing')[0].json).toEqual({ flowId: 'flw-survey', numberToDial: '+18144043093', started: true });
		expect([...simulator.sessions.values()].some((session) => session.toAddress === '+18144043093')).toBe(true);
	});
});
