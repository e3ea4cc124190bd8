import { at, required } from '../profile/tableReader.js';
import { forEachReportRow, type ReportTables } from './reportTables.js';
import { SessionFunnel } from './sessionFunnel.js';

export interface WebSessionsScan {
  readonly rows: number;
  readonly sessions: SessionFunnel;
}

/** web_events: the funnel per device and conversion per traffic source, one session held at a time. */
export async function scanWebSessions(tables: ReportTables): Promise<WebSessionsScan> {
  const sessions = new SessionFunnel();
  let rows = 0;
  await forEachReportRow(tables, 'web_events', (col) => {
    const c = (name: string): number => required(col, 'web_events', name);
    const [session, type, device, source] = [c('session_id'), c('event_type'), c('device_type'), c('traffic_source')];
    return (row) => {
      rows++;
      sessions.add(at(row, session), at(row, type), at(row, device), at(row, source));
    };
  });
  sessions.close();
  return { rows, sessions };
}
