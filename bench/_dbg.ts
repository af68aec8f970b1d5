import { paymentState, writeDataDir, summaryState } from './fixtures.ts';
writeDataDir('/tmp/dbg1k', paymentState(1000));
writeDataDir('/tmp/dbgsum', summaryState(1000));
