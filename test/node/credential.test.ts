import { loginFingerprint, sessionTokenOf } from '../../nodes/EvoVoice/transport/signIn';
import { testEvoVoiceCredential } from '../harness/credential-test';
import { MemoryCredentialsHelper } from '../harness/engine';
import { simulatorCredential, simulatorCredentialsHelper } from '../harness/simulator-credential';
import { CREDENTIAL_ID } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import { DEMO_USER, MANAGER_USER } from '../simulator/server';

const simulator = useSimulator();

const requestLines = () => simulator.requests.map((request) => `${request.method} ${request.rawPath}`);

/** A credential holding a session that was made by another login (the form has been edited since). */
function editedCredential(edit: { email?: string; password?: string }) {
	const before = simulatorCredential(simulator);
	return new MemoryCredentialsHelper({
		[CREDENTIAL_ID]: {
			...before,
			...edit,
			sessionToken: sessionTokenOf(loginFingerprint(before), 'ss-id=still-valid-for-the-old-login'),
		},
	});
}

describe('credential test', () => {
	it('passes for a valid login, having signed in and listed one session with the session cookie', async () => {
		const result = await testEvoVoiceCredential(simulatorCredentialsHelper(simulator));

		expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		expect(requestLines()).toEqual(['POST /auth/credentials', 'GET /sessions']);
		expect(simulator.requests[1].query).toMatchObject({ countPerPage: '1', simplifiedPaging: 'true' });
		expect(simulator.requests[1].cookies['ss-id']).toBeTruthy();
	});

	it('after an edit to a wrong password, fails even though the old session is still valid', async () => {
		simulator.sessions.clear();
		const result = await testEvoVoiceCredential(editedCredential({ password: 'bad-pw-2' }));

		expect(result.status).toBe('Error');
		expect(result.message).toContain('Evo Voice sign-in failed (HTTP 401): Invalid Username or Password');
		expect(result.message).not.toContain('bad-pw-2');
		// The old session was not sent: Evo Voice said 401, and n8n signed in with the form's values.
		expect(simulator.requests[0].cookies['ss-id']).toBeUndefined();
		expect(requestLines()).toEqual(['GET /sessions', 'POST /auth/credentials']);
	});

	it("after an edit to another user's email, signs in as that user", async () => {
		const credentials = editedCredential({ email: MANAGER_USER.email, password: MANAGER_USER.password });

		const result = await testEvoVoiceCredential(credentials);

		expect(result.status).toBe('OK');
		const signIn = simulator.requests.find((request) => request.rawPath === '/auth/credentials');
		expect(signIn?.body).toMatchObject({ userName: MANAGER_USER.email });
		expect(credentials.updates).toHaveLength(1);
	});

	it('reuses a session made by the same login, without signing in again', async () => {
		const credentials = simulatorCredentialsHelper(simulator);
		await testEvoVoiceCredential(credentials);
		simulator.clearRequests();

		const result = await testEvoVoiceCredential(credentials);

		expect(result.status).toBe('OK');
		expect(requestLines()).toEqual(['GET /sessions']);
	});

	it('fails for a wrong password, saying sign-in failed', async () => {
		const result = await testEvoVoiceCredential(
			simulatorCredentialsHelper(simulator, { email: DEMO_USER.email, password: 'bad-pw-1' }),
		);

		expect(result.status).toBe('Error');
		expect(result.message).toContain('Evo Voice sign-in failed (HTTP 401): Invalid Username or Password');
		expect(result.message).not.toContain('bad-pw-1');
	});

	it('reads the Base URL as the node does, spaces and trailing slashes included', async () => {
		const credentials = new MemoryCredentialsHelper({
			[CREDENTIAL_ID]: { ...simulatorCredential(simulator), baseUrl: `  ${simulator.url}// ` },
		});

		expect((await testEvoVoiceCredential(credentials)).status).toBe('OK');
	});

	it('says in words when the Base URL asks for https from a server that speaks http', async () => {
		const credentials = new MemoryCredentialsHelper({
			[CREDENTIAL_ID]: { ...simulatorCredential(simulator), baseUrl: simulator.url.replace('http:', 'https:') },
		});

		const result = await testEvoVoiceCredential(credentials);

		expect(result.status).toBe('Error');
		expect(result.message).toContain('could not be reached over a secure (https) connection');
	});

	it('fails with a clear message when nothing answers at the Base URL', async () => {
		const credentials = new MemoryCredentialsHelper({
			[CREDENTIAL_ID]: { ...simulatorCredential(simulator), baseUrl: 'http://127.0.0.1:9' },
		});

		const result = await testEvoVoiceCredential(credentials);

		expect(result.status).toBe('Error');
		expect(result.message).toContain('Evo Voice at 127.0.0.1:9 refused the connection');
	});
});
