// The dashboard's addresses, in one place for the server's routes and the pages' links. Every part is a
// number or a checked period key, so no link carries stored text.
import { periodKey, type Period } from '../domain/reports.ts';

export type FileKind = 'xlsx' | 'csv';

export const paths = {
  home: '/',
  loggedOut: '/logged-out',
  logout: '/logout',
  login: (secret: string) => `/login/${secret}`,
  organisation: (id: number, period?: Period) => `/org/${id}${period ? `?period=${periodKey(period)}` : ''}`,
  cell: (id: number, period?: Period) => `/cell/${id}${period ? `?period=${periodKey(period)}` : ''}`,
  organisationReport: (id: number, period: Period, ext: FileKind) => `/org/${id}/report-${periodKey(period)}.${ext}`,
  cellReport: (id: number, period: Period, ext: FileKind) => `/cell/${id}/report-${periodKey(period)}.${ext}`,
  members: (id: number, year: number, ext: FileKind) => `/cell/${id}/members-${year}.${ext}`,
};
