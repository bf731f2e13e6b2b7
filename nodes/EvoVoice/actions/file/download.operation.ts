import type { OperationDeclaration } from '../declaration';
import { BINARY_PROPERTY_OPTION, fileIdProperty, fileItems, SIMPLIFY_FILE_PROPERTY } from './fileProperties';

export const download: OperationDeclaration = {
	resource: 'file',
	operation: 'download',
	name: 'Download',
	description: 'Download a file\'s bytes into binary data, with its own name and MIME type',
	action: "Download a file's bytes by file ID",
	endpoints: ['GetFile'],
	properties: [fileIdProperty('The ID of the file to download, as File → Get Many or Recording → Get Many gives it'), SIMPLIFY_FILE_PROPERTY],
	options: [BINARY_PROPERTY_OPTION],
	/** GetFile: GET /files/{fileId} for its address, name and type; then the bytes from that address. */
	async run(item) {
		const fileId = item.id('fileId');
		const binaryPropertyName = item.binaryPropertyName('options.binaryPropertyName');
		const file = await item.request('GetFile', { path: { fileId } });
		return await fileItems(item, [file], { download: true, binaryPropertyName });
	},
};
