import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Simulator, SimulatorUser } from '../simulator/server';
import { DEMO_USER } from '../simulator/server';
import { MemoryCredentialsHelper } from './engine';
import { CREDENTIAL_ID } from './workflows';

/** An Evo Voice credential as a user would fill it in for the simulator, not yet signed in. */
export function simulatorCredential(
	simulator: Pick<Simulator, 'url'>,
	user: Pick<SimulatorUser, 'email' | 'password'> = DEMO_USER,
): ICredentialDataDecryptedObject {
	return {
		environment: 'custom',
		baseUrl: simulator.url,
		email: user.email,
		password: user.password,
		sessionToken: '',
	};
}

export function simulatorCredentialsHelper(
	simulator: Pick<Simulator, 'url'>,
	user?: Pick<SimulatorUser, 'email' | 'password'>,
): MemoryCredentialsHelper {
	return new MemoryCredentialsHelper({ [CREDENTIAL_ID]: simulatorCredential(simulator, user) });
}
