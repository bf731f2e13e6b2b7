import { testEvoVoiceCredential } from '../harness/credential-test';
import { MemoryCredentialsHelper } from '../harness/engine';
import { simulatorCredential, simulatorCredentialsHelper } from '../harness/simulator-credential';
import { CREDENTIAL_ID } from '../harness/workflows';
import { useSimulator } from '../harness/use-simulator';
import { DEMO_USER } from '../simulator/server';

const simulator = useSimulator();

describe('credential test', () => {
	it('passes for a valid login, having signed in and checked /auth/status with the session', async () => {
		const result = await testEvoVoiceCredential(simulatorCredentialsHelper(simulator));

		expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		const status = simulator.requests.find((request) => request.rawPath === '/auth/status');
		expect(status?.method).toBe('GET');
		expect(status?.cookies['ss-id']).toBeTruthy();
	});

	it('signs in afresh even when a session is stored, as n8n does for tests', async () => {
		const credentials = new MemoryCredentialsHelper({
			[CREDENTIAL_ID]: { ...simulatorCredential(simulator), sessionToken: 'ss-id=stale' },
		});

		const result = await testEvoVoiceCredential(credentials);

		expect(result.status).toBe('OK');
		expect(simulator.requests[0].rawPath).toBe('/auth/credentials');
	});

	it('fails for a wrong password, saying sign-in failed', async () => {
		const result = await testEvoVoiceCredential(
			simulatorCredentialsHelper(simulator, { email: DEMO_USER.email, password: 'bad-pw-1' }),
		);

		expect(result.status).toBe('Error');
		expect(result.message).toContain('Evo Voice sign-in failed (HTTP 401): Invalid Username or Password');
		expect(result.message).not.toContain('bad-pw-1');
	});

	it('fails when the session is not accepted, with the rule\'s message', async () => {
		// A host that accepts any sign-in but never knows the session, as a wrong Environment might.
		const credentials = simulatorCredentialsHelper(simulator);
		const original = credentials.preAuthentication.bind(credentials);
		credentials.preAuthentication = async (...args) => {
			const output = await original(...args);
			simulator.expireSignIns();
			return output;
		};

		const result = await testEvoVoiceCredential(credentials);

		expect(result).toEqual({
			status: 'Error',
			message: 'Evo Voice did not accept the session. Check the Email, Password and Environment of the credential.',
		});
	});

	it('fails with a clear message when nothing answers at the Base URL', async () => {
		const credentials = new MemoryCredentialsHelper({
			[CREDENTIAL_ID]: { ...simulatorCredential(simulator), baseUrl: 'http://127.0.0.1:9' },
		});

		const result = await testEvoVoiceCredential(credentials);

		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/refused|ECONNREFUSED/i);
	});
});
