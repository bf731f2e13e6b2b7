/**
 * Batching (Options → Batching): items of a batch are sent side by side, and the run must look
 * exactly like a sequential one — output order, pairing, Continue On Fail, the error output,
 * and the error that stops a run — with one sign-in for the whole execution.
 */
import type { IDataObject } from 'n8n-workflow';

import type { MemoryCredentialsHelper } from '../harness/engine';
import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';

const simulator = useSimulator();

jest.setTimeout(60_000);

function voiceCalls(count: number): string[] {
	return Array.from({ length: count }, () => simulator.addSession({ channel: 'Voice', callState: 'Connected' }).id);
}

async function holdEach(
	ids: string[],
	batch: IDataObject | undefined,
	options: { continueOnFail?: boolean; errorOutput?: boolean; timeout?: number; credentials?: MemoryCredentialsHelper } = {},
) {
	return await runWorkflow(
		evoVoiceWorkflow(
			{
				resource: 'session',
				operation: 'hold',
				sessionId: sessionById('={{ $json.id }}'),
				reason: 'None',
				options: { ...(batch ? { batching: { batch } } : {}), ...(options.timeout ? { timeout: options.timeout } : {}) } as never,
			},
			{ items: ids.map((id) => ({ id })), continueOnFail: options.continueOnFail, errorOutput: options.errorOutput },
		),
		options.credentials ?? simulatorCredentialsHelper(simulator),
	);
}

describe('batching', () => {
	it('keeps output order and pairing, with one sign-in for the whole run', async () => {
		const ids = voiceCalls(23);

		const result = await holdEach(ids, { batchSize: 10, batchInterval: 0 });

		const output = result.outputOf(EVO_VOICE_NODE);
		expect(output.map((item) => item.json.id)).toEqual(ids);
		expect(output.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(simulator.requests.filter((request) => request.rawPath === '/auth/credentials')).toHaveLength(1);
		expect(simulator.requests).toHaveLength(24);
	});

	it('sends the items of a batch side by side: one request that never answers holds up no other', async () => {
		const ids = voiceCalls(5);
		// Signed in already: only a request that signs in makes the rest of its batch wait.
		const credentials = simulatorCredentialsHelper(simulator);
		await holdEach(voiceCalls(1), undefined, { credentials });
		simulator.clearRequests();
		simulator.injectFault('POST /sessions/:sessionId/hold', 'noAnswer');

		const result = await holdEach(ids, { batchSize: 5, batchInterval: 0 }, { continueOnFail: true, timeout: 3, credentials });

		const holds = simulator.requests.filter((request) => request.rawPath.endsWith('/hold'));
		expect(holds).toHaveLength(5);
		// Every later hold reached Evo Voice while the first was still waiting for its answer.
		for (const hold of holds.slice(1)) expect(hold.unansweredBefore).toBeGreaterThanOrEqual(1);
		expect(String(result.outputOf(EVO_VOICE_NODE)[0].json.error)).toContain('did not answer within 3 s');
		expect(result.outputOf(EVO_VOICE_NODE).map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
	});

	it('with Continue On Fail, a failed item in a batch becomes its error item in place', async () => {
		const ids = voiceCalls(6);
		ids[2] = 'ses-missing';
		ids[4] = '..';

		const result = await holdEach(ids, { batchSize: 3, batchInterval: 0 }, { continueOnFail: true });

		const output = result.outputOf(EVO_VOICE_NODE);
		expect(output.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(output[2].json).toMatchObject({ error: expect.stringContaining('[HTTP 404 NotFound]') });
		expect(String(output[4].json.error)).toContain('"Session" parameter ".." is not a valid ID for item 4');
		expect(output[5].json).toMatchObject({ id: ids[5], callState: 'Hold' });
	});

	it('with the error output, failures of a batch leave on it like sequential ones', async () => {
		const ids = voiceCalls(4);
		ids[1] = 'ses-missing';
		const sequential = await holdEach(ids, undefined, { errorOutput: true });
		simulator.reset();
		const fresh = voiceCalls(4);
		fresh[1] = 'ses-missing';

		const batched = await holdEach(fresh, { batchSize: 4, batchInterval: 0 }, { errorOutput: true });

		for (const result of [sequential, batched]) {
			expect(result.outputOf(EVO_VOICE_NODE).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }, { item: 3 }]);
			expect(result.errorOutputOf(EVO_VOICE_NODE).map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		}
	});

	it('without Continue On Fail, stops with the first failing item of the batch, as a sequential run does', async () => {
		const ids = voiceCalls(4);
		ids[1] = 'ses-missing';
		ids[3] = '..';

		const result = await holdEach(ids, { batchSize: 4, batchInterval: 0 });

		expect(result.error?.message).toBe("Session 'ses-missing' does not exist [HTTP 404 NotFound]");
		expect(result.outputOf(EVO_VOICE_NODE)).toEqual([]);
	});

	it('a rejected sign-in is tried once even when a whole batch starts at once', async () => {
		const ids = voiceCalls(8);
		const result = await runWorkflow(
			evoVoiceWorkflow(
				{
					resource: 'session',
					operation: 'hold',
					sessionId: sessionById('={{ $json.id }}'),
					reason: 'None',
					options: { batching: { batch: { batchSize: 8, batchInterval: 0 } } },
				},
				{ items: ids.map((id) => ({ id })), continueOnFail: true },
			),
			simulatorCredentialsHelper(simulator, { email: 'agent@example.com', password: ['not', 'it'].join('-') }),
		);

		expect(result.outputOf(EVO_VOICE_NODE)).toHaveLength(8);
		expect(simulator.requests.map((request) => request.rawPath)).toEqual(['/auth/credentials']);
	});

	it('refuses an Items per Batch that is not a whole number from 1 to 100', async () => {
		const result = await holdEach(voiceCalls(1), { batchSize: 0, batchInterval: 0 });

		expect(result.error?.message).toContain('"Items per Batch" option must be a whole number from 1 to 100');
		expect(simulator.requests).toEqual([]);
	});
});
