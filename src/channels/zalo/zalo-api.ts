// The part of zca-js's `API` the Zalo adapter uses, typed from the library's own declarations, so the
// adapter runs against the real API or a test's fake of exactly this subset (platform-notes §3).
import type { API } from 'zca-js';

export type ZaloListener = Pick<API['listener'], 'on' | 'off' | 'start' | 'stop'>;

export type ZaloApi = Pick<
  API,
  | 'sendMessage' | 'createPoll' | 'getPollDetail' | 'lockPoll' | 'createReminder' | 'removeReminder'
  | 'getGroupMembersInfo' | 'getAllFriends' | 'getOwnId' | 'addReaction'
> & { listener: ZaloListener };
