/**
 * Two bounds on trying again: a sign-in that does not cure a 401 is not repeated for every
 * item, and a 429 that asks for a wait longer than 30 s is not waited out.
 */
import type { MemoryCredentialsHelper } from '../harness/engine';
import { runWorkflow } from '../harness/engine';
import { simulatorCredentialsHelper } from '../harness/simulator-credential';
import { useSimulator } from '../harness/use-simulator';
import { EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';

const simulator = useSimulator();

const signInRequests = () => simulator.requests.filter((request) => request.rawPath === '/auth/credentials');

function voiceCalls(count: number): string[] {
	return Array.from({ length: count }, () => simulator.addSession({ channel: 'Voice', callState: 'Connected' }).id);
}

function holdEach(ids: string[], credentials: MemoryCredentialsHelper) {
	return runWorkflow(
		evoVoiceWorkflow(
			{ resource: 'session', operation: 'hold', sessionId: sessionById('={{ $json.id }}'), reason: 'None' },
			{ items: ids.map((id) => ({ id })), continueOnFail: true },
		),
		credentials,
	);
}

function getSession(sessionId: string) {
	return runWorkflow(
		evoVoiceWorkflow({ resource: 'session', operation: 'get', sessionId: sessionById(sessionId) }),
		simulatorCredentialsHelper(simulator),
	);
}

describe('a 401 that a fresh sign-in does not cure', () => {
	it(
		'is signed in again once for the run, not once per item',
		async () => {
			const credentials = simulatorCredentialsHelper(simulator);
			// Signed in already, so the one sign-in counted below is the renewal after the 401.
			await holdEach(voiceCalls(1), credentials);
			simulator.clearRequests();
			const ids = voiceCalls(4);
			// Evo Voice answers 401 to everything, even with the session a sign-in just made.
			simulator.failNext(1000, 401);

			const result = await holdEach(ids, credentials);

			const output = result.outputOf(EVO_VOICE_NODE);
			expect(output.map((item) => item.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
			for (const item of output) expect(String(item.json.error)).toContain('HTTP 401');
			expect(signInRequests()).toHaveLength(1);
			// The first item sent once, signed in, sent again; the others once each.
			expect(simulator.requests.filter((request) => request.rawPath.endsWith('/hold'))).toHaveLength(ids.length + 1);
		},
		60_000,
	);
});

describe("a 429's Retry-After", () => {
	it(
		'above 30 s is not waited out: Session → Get fails at once with the 429, after one request',
		async () => {
			simulator.injectFault('GET /sessions/:sessionId', 'rateLimited429', { retryAfterSeconds: 31 });

			const result = await getSession('ses-0003');

			expect(result.error?.message).toContain('[HTTP 429');
			expect(simulator.requests.filter((request) => request.rawPath === '/sessions/ses-0003')).toHaveLength(1);
		},
		60_000,
	);

	it(
		'within 30 s is waited out, so the cap above is what stops the longer wait',
		async () => {
			simulator.injectFault('GET /sessions/:sessionId', 'rateLimited429', { retryAfterSeconds: 1 });

			const result = await getSession('ses-0003');

			expect(result.error).toBeUndefined();
			expect(result.outputOf(EVO_VOICE_NODE)[0].json).toMatchObject({ id: 'ses-0003' });
			expect(simulator.requests.filter((request) => request.rawPath === '/sessions/ses-0003')).toHaveLength(2);
		},
		60_000,
	);
});
