/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- test-only code that starts local services in plain Node, never inside n8n */
/**
 * What n8n's queue mode needs next to it: Redis (the job queue) and PostgreSQL (the database
 * main and workers share; n8n warns that queue mode on sqlite is not supported). Debian's
 * packages, each started on a free loopback port in a temporary folder and removed after.
 * `.ci/run` installs them with apt-get when they are missing.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { RunningProcess } from './n8n';
import { freePort, startProcess } from './n8n';

export interface LocalService extends RunningProcess {
	port: number;
}

function serviceEnv(): NodeJS.ProcessEnv {
	return { PATH: process.env.PATH, LANG: 'C.UTF-8' };
}

async function inTemporaryFolder(prefix: string, start: (folder: string) => Promise<LocalService>): Promise<LocalService> {
	const folder = mkdtempSync(join(tmpdir(), prefix));
	try {
		const service = await start(folder);
		return {
			...service,
			stop: async () => {
				await service.stop();
				rmSync(folder, { recursive: true, force: true });
			},
		};
	} catch (error) {
		rmSync(folder, { recursive: true, force: true });
		throw error;
	}
}

export async function startRedis(): Promise<LocalService> {
	const port = await freePort();
	return await inTemporaryFolder('evovoice-redis-', async (folder) => {
		const redis = await startProcess(
			'redis-server',
			['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder],
			serviceEnv(),
			/Ready to accept connections/,
		);
		return { ...redis, port };
	});
}

/** Debian keeps the server programs out of PATH, in /usr/lib/postgresql/<major>/bin. */
function postgresProgram(name: string): string {
	const debian = '/usr/lib/postgresql';
	const majors = existsSync(debian) ? readdirSync(debian).sort((a, b) => Number(b) - Number(a)) : [];
	const found = majors.map((major) => join(debian, major, 'bin', name)).find((path) => existsSync(path));
	return found ?? name;
}

/** PostgreSQL refuses to run as root: as root, its programs run as Debian's `postgres` user. */
function asDatabaseUser(folder: string): string[] {
	if (process.getuid?.() !== 0) return [];
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
	chownSync(folder, uid, gid);
	return ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--'];
}

/** A throwaway cluster: user `n8n` (trusted on loopback), database `postgres`, no durability. */
export async function startPostgres(): Promise<LocalService & { user: string; database: string }> {
	const port = await freePort();
	const user = 'n8n';
	const service = await inTemporaryFolder('evovoice-postgres-', async (folder) => {
		const prefix = asDatabaseUser(folder);
		const data = join(folder, 'data');
		const [initdb, ...initdbArgs] = [...prefix, postgresProgram('initdb'), '-D', data, '-U', user, '--auth=trust', '-E', 'UTF8', '--no-sync'];
		execFileSync(initdb, initdbArgs, { env: serviceEnv(), stdio: 'pipe' });
		const [postgres, ...postgresArgs] = [
			...prefix,
			postgresProgram('postgres'),
			...['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
			...['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off'],
		];
		const server = await startProcess(postgres, postgresArgs, serviceEnv(), /database system is ready to accept connections/);
		return { ...server, port };
	});
	return { ...service, user, database: 'postgres' };
}
