/**
 * Reads a JSON object while it arrives and hands on each record of one of its array members
 * (AppGetActiveSessions' `sessions`) as soon as that record is complete. Every live session of a
 * contact center comes in one answer; read this way, the answer is never held whole as bytes and
 * as text beside the records it becomes, so memory stays near the size of the records kept.
 *
 * Nothing is believed early: each record is parsed on its own, and everything outside the
 * records is kept (with each record standing in as `0`) and parsed at the end, so a body is
 * accepted only when it is exactly one valid JSON object whose member holds only objects.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** How much of the body is kept to quote in an error: more than any error quotes. */
const HEAD_LENGTH = 1024;

function isJsonWhitespace(code: number): boolean {
	return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

export class JsonListScanner {
	/** The first characters of the body, to say what came back when it is not the expected object. */
	head = '';

	private depth = 0;

	private inString = false;

	private escaped = false;

	/** Inside the top-level object: whether the next string is a member name. */
	private expectName = false;

	/** Where the member name being read starts in `outside`, or -1. */
	private nameStart = -1;

	private memberName: unknown;

	private inList = false;

	private listSeen = false;

	/** The body without its records; each record stands in as `0`. */
	private outside = '';

	/** Where the not yet copied part of `outside` starts in the current chunk. */
	private outsideFrom = 0;

	private inRecord = false;

	/** The part of the current record that arrived in earlier chunks. */
	private recordSoFar = '';

	private recordFrom = 0;

	private broken = false;

	constructor(
		private readonly listName: string,
		private readonly onRecord: (record: Record<string, unknown>) => void,
	) {}

	write(chunk: string): void {
		if (this.head.length < HEAD_LENGTH) this.head += chunk.slice(0, HEAD_LENGTH - this.head.length);
		this.outsideFrom = 0;
		this.recordFrom = 0;
		for (let index = 0; index < chunk.length; index++) {
			const code = chunk.charCodeAt(index);
			if (this.inString) {
				if (this.escaped) this.escaped = false;
				else if (code === BACKSLASH) this.escaped = true;
				else if (code === QUOTE) {
					this.inString = false;
					if (this.nameStart >= 0) this.endName(chunk, index);
				}
				continue;
			}
			switch (code) {
				case QUOTE:
					this.inString = true;
					if (this.depth === 1 && this.expectName) this.nameStart = this.outside.length + index - this.outsideFrom;
					else if (this.awaitsRecord()) this.broken = true;
					break;
				case OPEN_OBJECT:
				case OPEN_ARRAY:
					if (this.awaitsRecord()) {
						if (code === OPEN_OBJECT) this.startRecord(chunk, index);
						else this.broken = true;
					} else if (this.depth === 1 && code === OPEN_ARRAY && !this.expectName && this.memberName === this.listName) {
						// A second list under the same name would make JSON.parse keep only the last one.
						if (this.listSeen) this.broken = true;
						this.inList = true;
					}
					this.depth++;
					if (this.depth === 1) this.expectName = code === OPEN_OBJECT;
					break;
				case CLOSE_OBJECT:
				case CLOSE_ARRAY:
					this.depth--;
					if (this.inRecord && this.depth === 2) this.endRecord(chunk, index);
					else if (this.inList && this.depth === 1) {
						this.inList = false;
						this.listSeen = true;
					}
					break;
				case COMMA:
					if (this.depth === 1) this.expectName = true;
					break;
				case COLON:
					if (this.depth === 1) this.expectName = false;
					break;
				default:
					if (this.awaitsRecord() && !isJsonWhitespace(code)) this.broken = true;
			}
		}
		if (this.inRecord) this.recordSoFar += chunk.slice(this.recordFrom);
		else this.outside += chunk.slice(this.outsideFrom);
	}

	/**
	 * Whether the body was one valid JSON object with the list under its name holding only objects.
	 * Every record has been handed on by then; when this says false, the caller drops them all.
	 */
	end(): boolean {
		if (this.broken || this.depth !== 0 || this.inString || this.inRecord || !this.listSeen) return false;
		try {
			const whole = JSON.parse(this.outside) as unknown;
			return typeof whole === 'object' && whole !== null && !Array.isArray(whole);
		} catch {
			return false;
		}
	}

	/** In the list, between records: only a record, a comma, whitespace or the list's end may come. */
	private awaitsRecord(): boolean {
		return this.inList && this.depth === 2 && !this.inRecord;
	}

	private endName(chunk: string, index: number) {
		this.outside += chunk.slice(this.outsideFrom, index + 1);
		this.outsideFrom = index + 1;
		try {
			this.memberName = JSON.parse(this.outside.slice(this.nameStart)) as unknown;
		} catch {
			this.broken = true;
		}
		this.nameStart = -1;
	}

	private startRecord(chunk: string, index: number) {
		this.outside += `${chunk.slice(this.outsideFrom, index)}0`;
		this.inRecord = true;
		this.recordFrom = index;
	}

	private endRecord(chunk: string, index: number) {
		const text = this.recordSoFar + chunk.slice(this.recordFrom, index + 1);
		this.recordSoFar = '';
		this.inRecord = false;
		this.outsideFrom = index + 1;
		if (this.broken) return;
		let record: Record<string, unknown>;
		try {
			record = JSON.parse(text) as Record<string, unknown>;
		} catch {
			this.broken = true;
			return;
		}
		this.onRecord(record);
	}
}
