import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CURRENT_VERSION, NODE_VERSIONS, nodeProperties, subtitleOf } from './actions/declaration';
import { RESOURCES } from './actions/resources';
import { router } from './actions/router';
import {
	searchAccounts,
	searchCallerIds,
	searchCustomers,
	searchEndpoints,
	searchFlows,
	searchPhoneNumbers,
} from './methods/directorySearch';
import {
	searchActiveSessions,
	searchChatSessions,
	searchRecentChatSessions,
	searchRecentSessions,
	searchVoiceSessions,
} from './methods/listSearch';
import { searchConversations } from './methods/conversationSearch';
import { searchRecentFiles } from './methods/fileSearch';

export class EvoVoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Evo Voice',
		name: 'evoVoice',
		icon: { light: 'file:../../icons/evovoice.svg', dark: 'file:../../icons/evovoice.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		defaultVersion: CURRENT_VERSION,
		// The chosen operation's action in words ("Hold a session"), derived from the declarations.
		subtitle: subtitleOf(RESOURCES),
		description: 'Watch and control live Evo Voice calls and chats',
		defaults: { name: 'Evo Voice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'evoVoiceApi', required: true }],
		properties: nodeProperties(RESOURCES),
	};

	methods = {
		listSearch: {
			searchActiveSessions,
			searchVoiceSessions,
			searchChatSessions,
			searchRecentSessions,
			searchRecentChatSessions,
			searchAccounts,
			searchCustomers,
			searchFlows,
			searchEndpoints,
			searchPhoneNumbers,
			searchCallerIds,
			searchConversations,
			searchRecentFiles,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
