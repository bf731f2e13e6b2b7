/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test-only code that reads example files in plain Node, never inside n8n */
/** The example workflows in `examples/` and the credential they use, as n8n imports them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './n8n';

export const EXAMPLES_FOLDER = join(REPO_ROOT, 'examples');

/** The credential every example refers to; `npm run dev` and the e2e suite import it. */
export const SIMULATOR_CREDENTIAL = { id: 'evoVoiceSimulator', name: 'Evo Voice simulator' };

export interface WorkflowJson {
	id: string;
	name: string;
	active?: boolean;
	nodes: Array<{
		id?: string;
		name: string;
		type: string;
		typeVersion?: number;
		position?: number[];
		parameters: Record<string, unknown>;
		credentials?: unknown;
		onError?: string;
	}>;
	connections: Record<string, unknown>;
}

export function readExamples(): WorkflowJson[] {
	return readdirSync(EXAMPLES_FOLDER)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(readFileSync(join(EXAMPLES_FOLDER, file), 'utf8')) as WorkflowJson);
}

/** An Evo Voice API credential for `n8n import:credentials`, pointing at a simulator. */
export function simulatorCredential(
	identity: { id: string; name: string },
	simulatorUrl: string,
	login: { email: string; password: string },
) {
	return {
		...identity,
		type: 'evoVoiceApi',
		data: { environment: 'custom', baseUrl: simulatorUrl, email: login.email, password: login.password, sessionToken: '' },
	};
}
