import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { collectPages } from '../../transport';
import type { FileInfo } from '../../transport/dto';
import type { OperationDeclaration } from '../declaration';
import { returnAllProperties, sessionIdProperty } from '../parameters';

/** The recording's URI as an absolute http(s) URL, or a failure naming the recording. */
function downloadUrlOf(context: IExecuteFunctions, file: FileInfo, itemIndex: number): URL {
	try {
		const url = new URL(file.uri);
		if (url.protocol === 'https:' || url.protocol === 'http:') return url;
	} catch {
		// Reported below with the recording's ID.
	}
	throw new NodeOperationError(
		context.getNode(),
		`Evo Voice gave recording "${file.id}" no downloadable address (got ${JSON.stringify(file.uri)}) for item ${itemIndex}`,
		{ itemIndex },
	);
}

/**
 * Downloads a recording from its storage URL. It is a plain request, not an Evo Voice one: the
 * storage host is often another origin, and the Evo Voice sign-in must not travel there.
 */
async function downloadRecording(
	context: IExecuteFunctions,
	file: FileInfo,
	itemIndex: number,
	timeoutMs: number,
): Promise<IBinaryData> {
	const url = downloadUrlOf(context, file, itemIndex);
	let response: { body: unknown; headers: Record<string, unknown>; statusCode: number };
	try {
		response = (await context.helpers.httpRequest({
			method: 'GET',
			url: url.href,
			encoding: 'arraybuffer',
			returnFullResponse: true,
			timeout: timeoutMs,
		})) as typeof response;
	} catch (error) {
		throw new NodeApiError(context.getNode(), { message: (error as Error).message }, {
			message: `Could not download recording "${file.id}" from ${url.host}`,
			description: 'The recording\'s storage address did not answer with the file. It may have expired: get the recordings again for a fresh address.',
			itemIndex,
		});
	}
	const data = response.body;
	const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : undefined;
	if (bytes === undefined || bytes.byteLength === 0) {
		throw new NodeApiError(context.getNode(), {}, {
			message: `The download of recording "${file.id}" from ${url.host} was empty`,
			itemIndex,
		});
	}
	const headerType = response.headers['content-type'];
	const mimeType = file.contentType || (typeof headerType === 'string' ? headerType.split(';')[0] : undefined);
	const fileName = file.fileName || url.pathname.split('/').pop() || `${file.id}.mp3`;
	return await context.helpers.prepareBinaryData(Buffer.from(bytes), fileName, mimeType);
}

export const getMany: OperationDeclaration = {
	resource: 'recording',
	operation: 'getMany',
	name: 'Get Many',
	description: 'Get the recordings of a call, optionally downloaded as files',
	action: 'Get recordings of a call',
	endpoints: ['ListFiles'],
	properties: [
	sessionIdProperty('The call whose recordings to get; its recordings stay after it ended', 'searchRecentSessions'),
	...returnAllProperties(),
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: false,
		description: 'Whether to download each recording into the item\'s binary data, e.g. to attach it in the next node',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the recording in',
		displayOptions: { show: { download: [true] } },
	},
],
	/** ListFiles: GET /files?sessionId=&type=CallRecording, one output item per recording. */
	async run(item) {
		const sessionId = item.sessionId();
		const limit = item.limit();
		const download = item.value('download', false) === true;
		const binaryPropertyName = download ? item.text('binaryPropertyName') : '';
		const { timeoutMs = 0 } = item.call;
		const recordings = await collectPages(item.client, 'ListFiles', { sessionId, type: 'CallRecording' }, limit, item.call);
		const output: INodeExecutionData[] = [];
		for (const recording of recordings) {
			const entry = item.item(recording);
			if (download) {
				entry.binary = {
					[binaryPropertyName]: await downloadRecording(item.context, recording, item.itemIndex, timeoutMs),
				};
			}
			output.push(entry);
		}
		return output;
	},
};
