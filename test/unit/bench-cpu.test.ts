import { describe, expect, it } from 'vitest'
import { addCpu, cpuMsOfStat, cpuPerBooking, cpuUsed, parentOfStat } from '../../bench/cpu.ts'

// /proc/<pid>/stat: pid (comm) state ppid … utime stime (fields 14 and 15), in clock ticks (USER_HZ = 100)
const stat = (comm: string, ppid: number, utime: number, stime: number) =>
  `4242 (${comm}) S ${ppid} 4242 4242 0 -1 4194560 1000 0 0 0 ${utime} ${stime} 0 0 20 0 11 0 1234 5678 9\n`

describe('bench CPU accounting', () => {
  it('reads user + system time and the parent from a stat line, whatever the command name holds', () => {
    expect(cpuMsOfStat(stat('node', 17, 250, 50))).toBe(3000)
    expect(cpuMsOfStat(stat('postgres: 15/main: root db 127.0.0.1(5432) idle (x)', 1, 3, 1))).toBe(40)
    expect(parentOfStat(stat('a) b', 99, 0, 0))).toBe(99)
  })

  it('counts what the processes of the later snapshot used since the earlier one, a new process from zero', () => {
    const before = new Map([
      [1, 1000],
      [2, 500],
    ])
    const after = new Map([
      [1, 1600],
      [3, 40],
    ])
    expect(cpuUsed(before, after)).toBe(640)
  })

  it('adds what rounds spent and divides it by the bookings they answered, to the hundredth of a ms', () => {
    const spent = addCpu({ server: 1200, database: 900, client: 300 }, { server: 800, database: 101, client: 0 })
    expect(spent).toEqual({ server: 2000, database: 1001, client: 300 })
    expect(cpuPerBooking(spent, 600)).toEqual({ server: 3.33, database: 1.67, client: 0.5 })
    expect(cpuPerBooking(spent, 0).server).toBe(2000)
  })
})
