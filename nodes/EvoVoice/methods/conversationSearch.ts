import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { EvoVoiceClient, callEndpoint } from '../transport';

/** The SMS conversations (ListConversations), those whose party, number, last text or ID contains the search text. */
export async function searchConversations(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { conversations } = await callEndpoint(new EvoVoiceClient(this), 'ListConversations', {});
	const needle = filter?.trim().toLowerCase() ?? '';
	const results = conversations
		.filter((conversation) => typeof conversation.id === 'string' && conversation.id !== '')
		.map((conversation) => {
			const latest = conversation.mostRecentMessage;
			const via = latest?.endpointDisplayName || conversation.endpointId;
			return {
				name: `${conversation.otherAddress} · ${via}${latest?.text ? ` · ${latest.text.slice(0, 40)}` : ''}`,
				value: conversation.id,
				description: `ID ${conversation.id}`,
			};
		})
		.filter(({ name, value }) => needle === '' || name.toLowerCase().includes(needle) || value.toLowerCase().includes(needle));
	return { results };
}
