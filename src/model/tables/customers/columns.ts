// What the customers generator writes: its columns in file order, and the random streams its values
// depend on. Pure data, so the schema loader can check schemas/customers.json against it without
// loading the generator.
import type { StreamName } from '../../streams.js';

export const CUSTOMER_COLUMNS = [
  'customer_id', 'first_name', 'last_name', 'gender', 'email', 'phone', 'date_of_birth', 'address_line1',
  'address_line2', 'city', 'state', 'zip_code', 'country', 'customer_segment', 'marketing_opt_in',
  'created_at', 'updated_at',
] as const;

export const CUSTOMER_STREAMS: readonly StreamName[] = ['customerPerson', 'customerAddress', 'customerLine2', 'customerTiers', 'customerCreatedAt', 'customerHistory', 'customerMoves', 'customerLifecycle'];
