import type { Migration } from 'kysely'
import * as m0001 from './0001_domain.ts'
import * as m0300 from './0300_emails_calendars.ts'
import * as m0301 from './0301_recurrence_start_on_move.ts'
import * as m0400 from './0400_reports_usage_rollup.ts'
import * as m0401 from './0401_reports_usage_totals.ts'
import * as m0402 from './0402_usage_rollup_plpgsql.ts'
import * as m0403 from './0403_bookings_outside_closures.ts'
import * as m0440 from './0440_calls.ts'
import * as m0450 from './0450_outcomes.ts'
import * as m0460 from './0460_certifications_check_in.ts'
import * as m0480 from './0480_client_audit_booking_ids.ts'
import * as m0490 from './0490_oidc_sign_in.ts'
import * as m0500 from './0500_bookings_drop_request_hash.ts'
import * as m0510 from './0510_team_invitations.ts'
import * as m0520 from './0520_client_booking_cancel_cause.ts'
import * as m0530 from './0530_outcomes_evidence.ts'
import * as m0540 from './0540_reports_rollup_check_ins_hours.ts'
import * as m0550 from './0550_grant_coverage.ts'
import * as m0551 from './0551_usage_rollup_presence_index.ts'
import * as m0560 from './0560_outbox_render.ts'
import * as m0561 from './0561_usage_rollup_team_sets.ts'
import * as m0570 from './0570_usage_rollup_team_sets_incremental.ts'
import * as m0580 from './0580_booking_insert_cheaper.ts'
import * as m0588 from './0588_usage_rollup_week_hours.ts'
import * as m0589 from './0589_open_hours_memo.ts'
import * as m0590 from './0590_zone_functions.ts'
import * as m0591 from './0591_usage_rollup_apply_one_statement.ts'
import * as m0615 from './0615_open_hours_memo_reset.ts'
import * as m0620 from './0620_zone_functions_plpgsql.ts'
import * as m0621 from './0621_week_hours_add_plpgsql.ts'
import * as m0622 from './0622_bookings_lab_lock.ts'

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '0001_domain': m0001,
  '0300_emails_calendars': m0300,
  '0301_recurrence_start_on_move': m0301,
  '0400_reports_usage_rollup': m0400,
  '0401_reports_usage_totals': m0401,
  '0402_usage_rollup_plpgsql': m0402,
  '0403_bookings_outside_closures': m0403,
  '0440_calls': m0440,
  '0450_outcomes': m0450,
  '0460_certifications_check_in': m0460,
  '0480_client_audit_booking_ids': m0480,
  '0490_oidc_sign_in': m0490,
  '0500_bookings_drop_request_hash': m0500,
  '0510_team_invitations': m0510,
  '0520_client_booking_cancel_cause': m0520,
  '0530_outcomes_evidence': m0530,
  '0540_reports_rollup_check_ins_hours': m0540,
  '0550_grant_coverage': m0550,
  '0551_usage_rollup_presence_index': m0551,
  '0560_outbox_render': m0560,
  '0561_usage_rollup_team_sets': m0561,
  '0570_usage_rollup_team_sets_incremental': m0570,
  '0580_booking_insert_cheaper': m0580,
  '0588_usage_rollup_week_hours': m0588,
  '0589_open_hours_memo': m0589,
  '0590_zone_functions': m0590,
  '0591_usage_rollup_apply_one_statement': m0591,
  '0615_open_hours_memo_reset': m0615,
  '0620_zone_functions_plpgsql': m0620,
  '0621_week_hours_add_plpgsql': m0621,
  '0622_bookings_lab_lock': m0622,
}
