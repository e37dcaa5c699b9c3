export { groupEvent } from './group-event';
export type { Grouping } from './group-event';
export type { GroupingMethod } from './default-grouping';
export type { GroupMetadata } from './event-metadata';
