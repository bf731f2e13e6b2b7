import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeListSearchResult, IWorkflowBase } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { EvoVoice } from '../../nodes/EvoVoice/EvoVoice.node';
import type { MemoryCredentialsHelper } from './engine';
import { EVO_VOICE_NODE_TYPE, additionalDataFor, nodeTypes } from './engine';
import { CREDENTIAL_ID } from './workflows';

let searches = 0;

/** Runs one of the node's list searches as the editor does when a picker opens or its search box changes. */
export async function listSearch(
	method: keyof EvoVoice['methods']['listSearch'],
	filter: string | undefined,
	credentialsHelper: MemoryCredentialsHelper,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'evoVoice',
		name: 'Evo Voice',
		type: EVO_VOICE_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { evoVoiceApi: { id: CREDENTIAL_ID, name: 'Evo Voice account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const workflowData = { id: 'search', name: 'search', nodes: [node], connections: {} } as unknown as IWorkflowBase;
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalDataFor(credentialsHelper, workflowData, `search-${++searches}`),
		'parameters.sessionId',
	);
	return await new EvoVoice().methods.listSearch[method].call(context, filter, paginationToken);
}
