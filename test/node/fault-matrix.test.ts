/**
 * Every operation against every way an answer can go wrong, through n8n-core's engine with
 * On Error → Continue (using error output): two input items, the fault hits the first request
 * after sign-in (or the sign-in itself). Each case checks where each item went, what it says,
 * the requests made and their hosts, and that the password and session cookie appear nowhere.
 */
import type { IDataObject } from 'n8n-workflow';

import { loginFingerprint, sessionTokenOf } from '../../nodes/EvoVoice/transport/signIn';
import { MemoryCredentialsHelper, runWorkflow } from '../harness/engine';
import { recordingServer } from '../harness/recording-server';
import { simulatorCredential } from '../harness/simulator-credential';
import { CREDENTIAL_ID, EVO_VOICE_NODE, evoVoiceWorkflow, sessionById } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import type { Simulator } from '../simulator/server';
import { DEMO_USER } from '../simulator/server';
import { FAULT_MATRIX_OPERATIONS, FAULT_MATRIX_CASES } from './fault-matrix.cases';

const simulator = useSimulator();
/** The password of the wrong-password cases: it must appear nowhere in what the run produced. */
const WRONG_LOGIN = { email: DEMO_USER.email, password: ['wrong', 'password', '1'].join('-') };
const otherHost = recordingServer();

jest.setTimeout(120_000);

/** Two items, each acting on its own fresh session where the operation takes one. */
function itemsFor(simulatorNow: Simulator, channel: 'Voice' | 'Chat'): IDataObject[] {
	return [0, 1].map(() => ({ id: simulatorNow.addSession({ channel, callState: 'Connected' }).id }));
}

describe.each(FAULT_MATRIX_OPERATIONS)('$name', (operation) => {
	it.each(FAULT_MATRIX_CASES)('$name', async (faultCase) => {
		const items = itemsFor(simulator, operation.channel);
		const credential = simulatorCredential(simulator, faultCase.wrongPassword ? WRONG_LOGIN : DEMO_USER);
		if (faultCase.staleSession) {
			credential.sessionToken = sessionTokenOf(loginFingerprint(credential), 'ss-id=expired-session-1');
		}
		const credentials = new MemoryCredentialsHelper({ [CREDENTIAL_ID]: credential });
		if (faultCase.inject) {
			simulator.injectFault(faultCase.inject.onSignIn ? 'POST /auth/credentials' : operation.route, faultCase.inject.fault, {
				otherOrigin: otherHost.url,
				retryAfterSeconds: 0,
			});
		}

		const run = await runWorkflow(
			evoVoiceWorkflow(
				{
					resource: 'session',
					...operation.parameters,
					...('sessionId' in operation.parameters ? { sessionId: sessionById('={{ $json.id }}') } : {}),
					options: { timeout: 2 },
				},
				{ items, errorOutput: true },
			),
			credentials,
		);

		expect(run.error).toBeUndefined();
		const succeeded = run.outputOf(EVO_VOICE_NODE);
		const failed = run.errorOutputOf(EVO_VOICE_NODE);
		const expected = faultCase.expect(operation);
		if (faultCase.inject?.fault === 'redirectOtherHost307') expect(JSON.stringify(failed)).not.toContain('/sessions/');
		expect(failed.map((item) => item.pairedItem)).toEqual(expected.failedItems.map((item) => ({ item })));
		for (const item of failed) {
			expect(String(item.json.error)).toContain(expected.message);
			if (expected.notSentAgain) expect(String(item.json.error)).toMatch(/may have been .*, so it was not sent again/);
			else expect(String(item.json.error)).not.toContain('not sent again');
			if (expected.httpCode) expect(String(item.json.error)).toContain(`HTTP ${expected.httpCode}`);
			// Only keys n8n 1.x and 2.x both route to the error output (n8n adds the input's `id`).
			expect(Object.keys(item.json).every((key) => ['error', 'message', 'id'].includes(key))).toBe(true);
		}
		const pairedSucceeded = new Set(succeeded.map((item) => (item.pairedItem as { item: number }).item));
		expect([...pairedSucceeded].sort()).toEqual([0, 1].filter((item) => !expected.failedItems.includes(item)));

		expect(simulator.requests.map((request) => `${request.method} ${request.segments[0]}`)).toEqual(
			expected.requests,
		);
		expect(otherHost.requests).toEqual([]);

		const everything = JSON.stringify(run.run) + JSON.stringify(failed.map((item) => item.error ?? null));
		expect(everything).not.toContain(DEMO_USER.password);
		expect(everything).not.toContain(WRONG_LOGIN.password);
		for (const request of simulator.requests) {
			for (const value of Object.values(request.cookies)) if (value !== 'perm') expect(everything).not.toContain(value);
		}
		const token = String(credentials.store[CREDENTIAL_ID].sessionToken ?? '');
		for (const value of token.match(/ss-p?id=([^;\s]+)/g) ?? []) expect(everything).not.toContain(value.split('=')[1]);
	});
});
