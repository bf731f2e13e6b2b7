/**
 * A file's bytes, from the address (`uri`) Evo Voice gives it, into n8n's binary data as they
 * arrive: never held whole by the node, and in n8n's filesystem binary mode not held whole at all.
 * The Evo Voice sign-in goes only to the Evo Voice origin (see EvoVoiceClient.fetchFile).
 */
import type { IBinaryData, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BodyStream, EvoVoiceClient, FileAnswer } from '../../transport/client';
import { DEFAULT_TIMEOUT_SECONDS } from '../../transport/client';
import type { FileInfo } from '../../transport/dto';
import { whyNoAnswer } from '../../transport/errors';

/** More hops than this is a loop, not a storage link. */
export const MAX_REDIRECTS = 5;

type BinaryInput = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

export interface DownloadOptions {
	itemIndex?: number;
	timeoutMs?: number;
}

function headerText(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name];
	return typeof value === 'string' ? value : Array.isArray(value) ? value.map(String).join(', ') : undefined;
}

const isHtml = (contentType: string | undefined) => /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType ?? '');

/** The file name a Content-Disposition header gives, if any. */
function dispositionName(header: string | undefined): string | undefined {
	const encoded = /filename\*\s*=\s*[^']*''([^;]+)/i.exec(header ?? '')?.[1];
	if (encoded !== undefined) {
		try {
			return decodeURIComponent(encoded.trim());
		} catch {
			// Falls back to the plain filename below.
		}
	}
	return /filename\s*=\s*"?([^";]+)"?/i.exec(header ?? '')?.[1]?.trim() || undefined;
}

/** The name of the binary: the file's own, else the answer's, else the address's last segment, else its id. */
function fileNameOf(file: FileInfo, answer: FileAnswer, url: URL): string {
	const lastSegment = decodeURIComponent(url.pathname.split('/').pop() ?? '');
	return file.fileName?.trim() || dispositionName(headerText(answer.headers, 'content-disposition')) || lastSegment || file.id;
}

/** The MIME type: the file record's, else the answer's Content-Type without its parameters. */
function mimeTypeOf(file: FileInfo, answer: FileAnswer): string | undefined {
	return file.contentType?.trim() || headerText(answer.headers, 'content-type')?.split(';')[0].trim() || undefined;
}

/** An event emitter's view of a body stream, as n8n's binary data reader listens to it. */
interface Emitting {
	listenerCount(event: string): number;
	emit(event: string, error: Error): boolean;
}

/**
 * Past the deadline, ends n8n's reading of the body with an error. Destroying the body alone does
 * not: n8n-core 2.41 hands a stream whose 'error' comes only once its source closes, which a
 * stalled body never does. So the error is told to the reader (prepareBinaryData's listeners)
 * directly, and the body is then destroyed (without an error) to free the connection.
 */
function endRead(body: BodyStream, error: Error): void {
	const emitting = body as unknown as Partial<Emitting>;
	if (typeof emitting.listenerCount === 'function' && typeof emitting.emit === 'function' && emitting.listenerCount('error') > 0) {
		emitting.emit('error', error);
	}
	// Without an error: once the reader has stopped listening, a later 'error' would be unhandled.
	body.destroy();
}

class FileDownload {
	private readonly deadline: AbortSignal;

	private readonly timeoutMs: number;

	constructor(
		private readonly context: IExecuteFunctions | IPollFunctions,
		private readonly client: EvoVoiceClient,
		private readonly file: FileInfo,
		private readonly options: DownloadOptions,
	) {
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_SECONDS * 1000;
		// The Timeout bounds the whole download, the body included.
		this.deadline = AbortSignal.timeout(this.timeoutMs);
	}

	private fail(message: string, description: string, httpCode?: number): NodeApiError {
		return new NodeApiError(this.context.getNode(), {}, {
			message,
			description,
			itemIndex: this.options.itemIndex,
			...(httpCode === undefined ? {} : { httpCode: String(httpCode) }),
		});
	}

	private get name(): string {
		return `file "${this.file.id}"`;
	}

	/** The file's address as an absolute http(s) URL: nothing else is ever asked for. */
	private addressOf(uri: unknown, base?: URL): URL {
		let url: URL | undefined;
		try {
			url = new URL(String(uri), base);
		} catch {
			url = undefined;
		}
		if (url?.protocol === 'https:' || url?.protocol === 'http:') return url;
		const itemIndex = this.options.itemIndex;
		throw new NodeOperationError(
			this.context.getNode(),
			`Evo Voice gave ${this.name} no downloadable address (got ${JSON.stringify(uri)}); only http and https addresses are downloaded`,
			{ itemIndex },
		);
	}

	/** Asks each address in turn, following redirects the cookie cannot leak through. */
	private async answer(): Promise<{ answer: FileAnswer; url: URL }> {
		let url = this.addressOf(this.file.uri);
		for (let hop = 0; ; hop++) {
			let answer: FileAnswer;
			try {
				answer = await this.client.fetchFile(url, { ...this.options, timeoutMs: this.timeoutMs, deadline: this.deadline });
			} catch (error) {
				// A failed sign-in is already said; anything else is an address that did not answer.
				throw error instanceof NodeApiError
					? error
					: this.fail(
							`Could not download ${this.name}: ${url.host} ${whyNoAnswer(error, this.timeoutMs)}`,
							'The file\'s address did not answer. Try again later, or get the file again for a fresh address.',
						);
			}
			if (answer.status < 300 || answer.status >= 400) return { answer, url };
			answer.body?.destroy();
			const location = headerText(answer.headers, 'location');
			const next = this.addressOf(location ?? '', url);
			if (hop >= MAX_REDIRECTS) {
				throw this.fail(`Could not download ${this.name}: more than ${MAX_REDIRECTS} redirects`, 'The file\'s address redirects in a loop.');
			}
			// Evo Voice may send a file on to its storage (asked without the cookie); a storage host
			// may redirect within itself only.
			if (!answer.fromEvoVoice && next.origin !== url.origin) {
				throw this.fail(
					`Could not download ${this.name}: ${url.host} redirected to another host (${next.host}), which is not followed`,
					'Only Evo Voice may send a download on to another host.',
				);
			}
			url = next;
		}
	}

	async toBinary(): Promise<IBinaryData> {
		const { answer, url } = await this.answer();
		const { status, body } = answer;
		const contentType = headerText(answer.headers, 'content-type');
		const refuse = (message: string, description: string) => {
			body?.destroy();
			return this.fail(message, description, status);
		};
		if (status === 404) {
			throw refuse(
				`${this.name} was not found at its address on ${url.host} (HTTP 404)`,
				'The file may have been deleted, or its address expired: get the file again for a fresh address.',
			);
		}
		if (status >= 400) {
			const hint = status === 401 || status === 403 ? ' The address may need a sign-in this credential does not have.' : '';
			throw refuse(`The download of ${this.name} from ${url.host} failed (HTTP ${status})`, `The file's address refused it.${hint}`);
		}
		if (isHtml(contentType) && !isHtml(this.file.contentType)) {
			throw refuse(
				`The download of ${this.name} from ${url.host} answered an HTML page instead of the file`,
				'A web page came back (often a sign-in or error page), not the file\'s bytes.',
			);
		}
		if (body === undefined) throw refuse(`The download of ${this.name} from ${url.host} had no body`, 'The file\'s address answered without the file.');
		const onDeadline = () => endRead(body, new Error('timeout'));
		this.deadline.addEventListener('abort', onDeadline, { once: true });
		try {
			return await this.context.helpers.prepareBinaryData(
				body as unknown as BinaryInput,
				fileNameOf(this.file, answer, url),
				mimeTypeOf(this.file, answer),
			);
		} catch {
			const expected = headerText(answer.headers, 'content-length');
			throw this.fail(
				this.deadline.aborted
					? `The download of ${this.name} from ${url.host} did not finish within ${this.timeoutMs / 1000} s (the node's Timeout option)`
					: `The download of ${this.name} from ${url.host} was cut short: the connection closed before the whole file arrived${expected ? ` (${expected} bytes announced)` : ''}`,
				'Nothing was kept of the partial file. Try again, or raise the Timeout for large files.',
				status,
			);
		} finally {
			this.deadline.removeEventListener('abort', onDeadline);
			body.destroy();
		}
	}
}

/** Downloads a file's bytes into n8n's binary data, named and typed after the file. */
export async function downloadFile(
	context: IExecuteFunctions | IPollFunctions,
	client: EvoVoiceClient,
	file: FileInfo,
	options: DownloadOptions = {},
): Promise<IBinaryData> {
	return await new FileDownload(context, client, file, options).toBinary();
}
