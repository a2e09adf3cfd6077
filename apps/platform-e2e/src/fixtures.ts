/** A call rate of document 004's example (the United Kingdom), for suites that need one. */
export const UK_RATE = {
  prefix: '44',
  type: 'INTERNATIONAL',
  free_seconds: 0,
  grace_period: 5,
  interval_1: 60,
  interval_n: 30,
  connect_fee: 0.02,
  postcall_surcharge: 0.1,
  price_1: 0.1,
  price_n: 0.04,
  description: 'United Kingdom',
};
