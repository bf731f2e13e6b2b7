/**
 * Runs workflows through n8n-core's own engine (WorkflowExecute) in-process, so tests cover
 * parameter resolution, expressions, pairedItem, Continue On Fail and n8n's request helpers,
 * with requests going over real HTTP. n8n's NodeTestHarness is not published; this is ours.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IRequestOptionsSimplified,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { EvoVoiceApi } from '../../credentials/EvoVoiceApi.credentials';
import { EvoVoice } from '../../nodes/EvoVoice/EvoVoice.node';

export const EVO_VOICE_NODE_TYPE = 'n8n-nodes-evovoice.evoVoice';
/** The node as an AI agent's tool: n8n copies its type with "Tool" added to the name. */
export const EVO_VOICE_TOOL_NODE_TYPE = 'n8n-nodes-evovoice.evoVoiceTool';
export const ITEMS_NODE_TYPE = 'harness.items';

/** A start node that emits the items given in its `items` parameter (a JSON array). */
class FixtureItems implements INodeType {
	description = {
		displayName: 'Fixture Items',
		name: 'fixtureItems',
		group: ['input'],
		version: 1,
		description: 'Emits the items of its parameter',
		defaults: { name: 'Items' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

/**
 * The tool copy of the node as n8n's convertNodeToAiTool makes it: the same node, its type's
 * name ending in "Tool" (which the `@tool` display condition reads). It keeps its main output
 * here so that tests read what an agent's engine request gets back.
 */
function asTool(node: INodeType): INodeType {
	const tool = Object.create(node) as INodeType;
	tool.description = { ...node.description, name: `${node.description.name}Tool`, displayName: `${node.description.displayName} Tool` };
	return tool;
}

const nodeTypesByName: Record<string, INodeType> = {
	[EVO_VOICE_NODE_TYPE]: new EvoVoice(),
	[EVO_VOICE_TOOL_NODE_TYPE]: asTool(new EvoVoice()),
	[ITEMS_NODE_TYPE]: new FixtureItems(),
};

const credentialTypes: Record<string, ICredentialType> = {
	evoVoiceApi: new EvoVoiceApi(),
};

export const nodeTypes: INodeTypes = {
	getByName: (type) => nodeTypesByName[type],
	getByNameAndVersion: (type) => nodeTypesByName[type],
	getKnownTypes: () => ({}),
};

function credentialTypeOf(typeName: string): ICredentialType {
	const credentialType = credentialTypes[typeName];
	if (!credentialType) throw new Error(`Unknown credential type ${typeName}`);
	return credentialType;
}

/**
 * Keeps credentials in memory and applies a credential type's `authenticate` and
 * `preAuthentication` the way n8n's server-side CredentialsHelper does: sign in when the
 * expirable field is empty or expired, then persist what the hook returned.
 */
export class MemoryCredentialsHelper extends ICredentialsHelper {
	/** What preAuthentication stored, in order: one entry per sign-in. */
	readonly updates: ICredentialDataDecryptedObject[] = [];

	constructor(readonly store: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = credentialTypeOf(typeName);
		const options = requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (authenticate?.type !== 'generic' || !workflow || !node) return options;
		const resolve = (value: string) =>
			String(
				workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				) ?? '',
			);
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			const bag = ((options as unknown as Record<string, IDataObject>)[target] ??= {});
			for (const [key, value] of Object.entries(entries as IDataObject)) {
				bag[resolve(key)] = resolve(String(value));
			}
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = credentialTypeOf(typeName);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof credentialType.preAuthentication !== 'function') return undefined;
		// n8n 2.40 signs in only when the field is empty or a request answered 401: its credential
		// tester no longer marks the test node, so a test does not force a fresh sign-in either.
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		// Like n8n, the hook sees only httpRequest.
		const output = (await credentialType.preAuthentication.call(
			{ helpers: { httpRequest: helpers.helpers.httpRequest } },
			credentials,
		)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[typeName];
		if (nodeCredentials?.id) {
			this.store[nodeCredentials.id] = { ...this.store[nodeCredentials.id], ...output };
		}
		this.updates.push({ ...output });
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = nodeCredentials.id ? this.store[nodeCredentials.id] : undefined;
		if (!stored) throw new Error(`No credential stored under id ${String(nodeCredentials.id)}`);
		return { ...stored };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypeOf(type).properties;
	}
}

export interface WorkflowFixture {
	nodes: INode[];
	connections: IConnections;
}

export interface WorkflowRun {
	run: IRun;
	/** The items a node put on its first output, or [] when it did not run. */
	outputOf(nodeName: string): INodeExecutionData[];
	/** The items a node put on its second output (the error output), or []. */
	errorOutputOf(nodeName: string): INodeExecutionData[];
	/** The error the run stopped with, if any. */
	error: IRun['data']['resultData']['error'];
}

export function additionalDataFor(
	credentialsHelper: ICredentialsHelper,
	workflowData: IWorkflowBase,
	executionId: string,
): IWorkflowExecuteAdditionalData {
	const url = 'http://127.0.0.1:5678/';
	return {
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData),
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used by these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${url}rest`,
		instanceBaseUrl: url,
		formBaseUrl: `${url}form`,
		formWaitingBaseUrl: `${url}form-waiting`,
		formTestBaseUrl: `${url}form-test`,
		webhookBaseUrl: `${url}webhook`,
		webhookWaitingBaseUrl: `${url}webhook-waiting`,
		webhookTestBaseUrl: `${url}webhook-test`,
		mcpBaseUrl: `${url}mcp`,
		mcpTestBaseUrl: `${url}mcp-test`,
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('task runners are not used by these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

let executionCounter = 0;

function workflowRunOf(run: IRun): WorkflowRun {
	return {
		run,
		error: run.data.resultData.error,
		errorOutputOf: (nodeName) =>
			run.data.resultData.runData[nodeName]?.[0]?.data?.[NodeConnectionTypes.Main]?.[1] ?? [],
		outputOf: (nodeName) =>
			run.data.resultData.runData[nodeName]?.[0]?.data?.[NodeConnectionTypes.Main]?.[0] ?? [],
	};
}

/** Runs an already built workflow in manual mode from the given start node. */
export async function runWorkflowWith(
	workflow: Workflow,
	credentialsHelper: ICredentialsHelper,
	startNode: INode,
): Promise<WorkflowRun> {
	const workflowData = {
		id: workflow.id,
		name: workflow.name,
		active: false,
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const executionId = `harness-${++executionCounter}`;
	const run = await new WorkflowExecute(
		additionalDataFor(credentialsHelper, workflowData, executionId),
		'manual',
	).run({ workflow, startNode });
	return workflowRunOf(run);
}

/** Runs a workflow of this package's node types in manual mode, from its node without inputs. */
export async function runWorkflow(
	fixture: WorkflowFixture,
	credentialsHelper: ICredentialsHelper,
): Promise<WorkflowRun> {
	const workflow = new Workflow({
		id: 'harnessWorkflow',
		name: 'Harness workflow',
		nodes: fixture.nodes,
		connections: fixture.connections,
		active: false,
		nodeTypes,
		staticData: {},
		settings: {},
	});
	const startNode = fixture.nodes.find(
		(node) => nodeTypesByName[node.type]?.description.inputs.length === 0,
	);
	if (!startNode) throw new Error('The workflow has no start node');
	return await runWorkflowWith(workflow, credentialsHelper, startNode);
}
