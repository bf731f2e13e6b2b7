import type {
	ICredentialTestRequest,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { EvoVoiceApi } from '../../credentials/EvoVoiceApi.credentials';
import type { MemoryCredentialsHelper } from './engine';
import { runWorkflowWith } from './engine';
import { CREDENTIAL_ID } from './workflows';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

// n8n 2.40 runs a credential's test on a copy of this node type, with no parameters.
const CREDENTIAL_TEST_NODE_TYPE = 'n8n-nodes-base.noOp';

function valueAtPath(data: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(value, key) =>
				typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined,
			data,
		);
}

/**
 * Runs the credential's declarative `test` the way n8n's credential tester does: its request
 * goes through the credential's sign-in and `authenticate`, an error fails the test, and each
 * `responseSuccessBody` rule fails it when the body's value at `key` equals `value`.
 */
export async function testEvoVoiceCredential(
	credentialsHelper: MemoryCredentialsHelper,
): Promise<CredentialTestResult> {
	const { request, rules } = new EvoVoiceApi().test as ICredentialTestRequest;
	const testNode: INode = {
		id: 'credentialTest',
		name: 'Temp-Node',
		type: CREDENTIAL_TEST_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { evoVoiceApi: { id: CREDENTIAL_ID, name: 'Evo Voice account' } },
	};
	const testNodeType: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'noOp',
			group: ['input'],
			version: 1,
			description: 'Sends the credential test request',
			defaults: { name: 'Temp-Node' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: 'evoVoiceApi', required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '' }],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const credentials = await this.getCredentials('evoVoiceApi');
			const resolved = { ...request } as IHttpRequestOptions;
			for (const key of ['baseURL', 'url'] as const) {
				if (request[key] === undefined) continue;
				resolved[key] = String(
					workflow.expression.getSimpleParameterValue(
						testNode,
						String(request[key] ?? ''),
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					),
				);
			}
			const body = (await this.helpers.httpRequestWithAuthentication.call(this, 'evoVoiceApi', {
				...resolved,
				json: true,
			})) as unknown;
			if (typeof body !== 'object' || body === null) return [[{ json: { body: body as string } }]];
			return [[{ json: body as IDataObject }]];
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => testNodeType,
		getByNameAndVersion: () => testNodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'credentialTest',
		nodes: [testNode],
		connections: {},
		active: false,
		nodeTypes,
		staticData: {},
		settings: {},
	});
	const run = await runWorkflowWith(workflow, credentialsHelper, testNode);
	if (run.error) {
		return { status: 'Error', message: run.error.message };
	}
	const body = run.outputOf(testNode.name)[0]?.json;
	for (const rule of rules ?? []) {
		if (rule.type === 'responseSuccessBody' && valueAtPath(body, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection tested successfully' };
}
