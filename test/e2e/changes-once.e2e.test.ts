/**
 * In a real n8n, a change is made once: n8n's Retry On Fail runs the whole node again, for every
 * item, when one fails (and, with Continue On Fail, when the first output item is an error), and
 * the package gives back what the earlier try did instead of dialling again; a transfer that Evo
 * Voice accepted succeeds even when reading the session back fails.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Simulator } from '../simulator/server';
import { MANAGER_USER } from '../simulator/server';
import type { WorkflowJson } from './fixtures';
import { SIMULATOR_CREDENTIAL, packagedN8nWithSimulator, simulatorCredential, workflowOverIds } from './fixtures';
import type { N8nInstance } from './n8n';

const MANAGER_CREDENTIAL = { id: 'evoVoiceManager', name: 'Evo Voice simulator (manager)' };
const DIAL_NODE = 'Dial';
const FIRST = '+18144043093';
const SECOND = '+18144043094';

let simulator: Simulator;
let n8n: N8nInstance;

/** Start Outgoing for each number, with n8n's Retry On Fail (3 tries, no wait); the second caller ID is refused. */
function dialEachWorkflow(id: string, onError?: 'continueRegularOutput'): WorkflowJson {
	return workflowOverIds(id, [FIRST, SECOND], {
		id: 'dial',
		name: DIAL_NODE,
		type: 'n8n-nodes-evovoice.evoVoice',
		typeVersion: 1.1,
		parameters: {
			resource: 'call',
			operation: 'startOutgoing',
			flowId: 'flw-survey',
			numberToDial: '={{ $json.id }}',
			// Evo Voice refuses a caller ID that is not one of the account's numbers (HTTP 400).
			additionalFields: { callerId: `={{ $json.id === '${SECOND}' ? '+15555550199' : '' }}` },
		},
		credentials: { evoVoiceApi: MANAGER_CREDENTIAL },
		retryOnFail: true,
		maxTries: 3,
		waitBetweenTries: 0,
		...(onError ? { onError } : {}),
	});
}

const dialsTo = (number: string) =>
	simulator.requests.filter((request) => request.rawPath === '/sessions/outgoing' && (request.body as IDataObject).numberToDial === number);

beforeAll(async () => {
	({ simulator, instance: n8n } = await packagedN8nWithSimulator({
		moreCredentials: (simulatorUrl) => [simulatorCredential(MANAGER_CREDENTIAL, simulatorUrl, MANAGER_USER)],
	}));
	await n8n.importWorkflows([
		dialEachWorkflow('e2eRetryOnFail01'),
		dialEachWorkflow('e2eRetryOnFail02', 'continueRegularOutput'),
		workflowOverIds('e2eTransferReadBack', ['ses-0003'], {
			id: 'transfer',
			name: 'Transfer',
			type: 'n8n-nodes-evovoice.evoVoice',
			typeVersion: 1.1,
			parameters: { resource: 'session', operation: 'transfer', sessionId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, destination: '+15555550177' },
			credentials: { evoVoiceApi: SIMULATOR_CREDENTIAL },
		}),
	]);
});

beforeEach(() => simulator.reset());

afterAll(async () => {
	await simulator?.close();
	n8n?.remove();
});

describe("n8n's Retry On Fail in a real n8n", () => {
	it('runs the node three times for the refused item, and dials the accepted number once', async () => {
		const result = await n8n.execute('e2eRetryOnFail01');

		expect(result.run?.data.resultData.error?.message).toContain('is not one of your phone numbers');
		expect(dialsTo(FIRST)).toHaveLength(1);
		expect(dialsTo(SECOND)).toHaveLength(3);
	});

	it('with Continue On Fail, a dial that may have been placed (503) is not sent again on any try', async () => {
		simulator.failNext(1, 503);
		const result = await n8n.execute('e2eRetryOnFail02');

		const items = result.run?.data.resultData.runData[DIAL_NODE]?.[0]?.data?.main[0] ?? [];
		expect(items[0]?.json.error).toContain('the call may have been placed, so it was not sent again');
		expect(dialsTo(FIRST)).toHaveLength(1);
		expect(items[1]?.json.error).toContain('is not one of your phone numbers');
	});
});

describe('a change Evo Voice accepted, in a real n8n', () => {
	it('Transfer succeeds when RedirectSession answers empty and reading the session back fails', async () => {
		simulator.injectFault('POST /sessions/:sessionId/redirect', 'empty200');
		simulator.injectFault('GET /sessions/:sessionId', 'serverError500');

		const result = await n8n.execute('e2eTransferReadBack');

		expect(result.run?.data.resultData.error).toBeUndefined();
		const [item] = result.run?.data.resultData.runData.Transfer?.[0]?.data?.main[0] ?? [];
		expect(item?.json).toMatchObject({ id: 'ses-0003', transferredTo: '+15555550177', readBackError: expect.stringContaining('[HTTP 500') });
		expect(simulator.requests.filter((request) => request.rawPath.endsWith('/redirect'))).toHaveLength(1);
	});
});
