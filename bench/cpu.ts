import fs from 'node:fs'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../db/schema.ts'

/**
 * CPU time spent per booking by each side of a throughput phase (session 9, issue 18): the server's processes
 * (a cluster's primary and workers), the database's backends, the bench's own clients. Unlike bookings per
 * second, CPU time per booking hardly depends on what else the shared machine runs, and it says where a
 * booking's cost is. Read from /proc (Linux); elsewhere nothing is measured.
 */

/** Clock ticks per second of /proc's times (USER_HZ, 100 on every Linux). */
const USER_HZ = 100

/** utime + stime, in ms, from a /proc/<pid>/stat line (the command may hold spaces and parentheses). */
export function cpuMsOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) / USER_HZ) * 1000
}

/** The parent's pid, from a /proc/<pid>/stat line. */
export function parentOfStat(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
}

function readStat(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
}

/** CPU ms of each process by pid. */
export type CpuTimes = Map<number, number>

/** The process and its children (a cluster's workers are the primary's children). */
function processAndChildren(root: number): number[] {
  const pids = [root]
  if (!fs.existsSync('/proc')) return pids
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid) || pid === root) continue
    const stat = readStat(pid)
    if (stat && parentOfStat(stat) === root) pids.push(pid)
  }
  return pids
}

function timesOf(pids: number[]): CpuTimes {
  const times: CpuTimes = new Map()
  for (const pid of pids) {
    const stat = readStat(pid)
    if (stat) times.set(pid, cpuMsOfStat(stat))
  }
  return times
}

/** What each side has used so far. */
export interface CpuSnapshot {
  server: CpuTimes
  database: CpuTimes
  client: number
}

export async function cpuSnapshot(db: Kysely<Database>, serverPid: number): Promise<CpuSnapshot> {
  const backends = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'
  `.execute(db)
  const usage = process.cpuUsage()
  return {
    server: timesOf(processAndChildren(serverPid)),
    database: timesOf(backends.rows.map((r) => r.pid)),
    client: (usage.user + usage.system) / 1000,
  }
}

/**
 * CPU ms used between two snapshots by the processes of the later one (a process new since the first counts
 * from zero: opening a connection is part of the cost; one that ended in between is missed).
 */
export function cpuUsed(before: CpuTimes, after: CpuTimes): number {
  let sum = 0
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0)
  return sum
}

/** CPU ms of each side: spent in all, or per booking. */
export interface CpuMs {
  server: number
  database: number
  client: number
}

/** What each side spent between two snapshots. */
export function cpuSpent(before: CpuSnapshot, after: CpuSnapshot): CpuMs {
  return {
    server: cpuUsed(before.server, after.server),
    database: cpuUsed(before.database, after.database),
    client: after.client - before.client,
  }
}

export function addCpu(a: CpuMs, b: CpuMs): CpuMs {
  return { server: a.server + b.server, database: a.database + b.database, client: a.client + b.client }
}

/** Per booking, to the hundredth of a millisecond. */
export function cpuPerBooking(spent: CpuMs, bookings: number): CpuMs {
  const per = (ms: number) => Math.round((ms / Math.max(1, bookings)) * 100) / 100
  return { server: per(spent.server), database: per(spent.database), client: per(spent.client) }
}

/**
 * The share of a quiet interval (ms) in which some task of the machine waited for a CPU (/proc/pressure/cpu,
 * "some"), in %: before the bench starts anything, how busy the rest of the machine keeps its cores, i.e. whether
 * the run was on an idle machine. Undefined where the kernel does not tell.
 */
export async function cpuPressure(ms: number): Promise<number | undefined> {
  const total = () => {
    try {
      const some = fs.readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0]
      return Number(/total=(\d+)/.exec(some)?.[1])
    } catch {
      return Number.NaN
    }
  }
  const before = total()
  const t0 = process.hrtime.bigint()
  await new Promise((r) => setTimeout(r, ms))
  const stalledUs = total() - before
  const elapsedUs = Number(process.hrtime.bigint() - t0) / 1000
  return Number.isFinite(stalledUs) ? Math.round((stalledUs / elapsedUs) * 1000) / 10 : undefined
}
