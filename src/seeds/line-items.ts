import { MMR_LINE_ITEM_ID, type LineItem } from '../domain/types.ts';

/** SecurityTrax's invoice line items catalogue; only MMR (ID 3) matters to the integration. */
export const LINE_ITEM_CATALOGUE: LineItem[] = [
  { id: 1, name: 'Equipment', code: 'EQUIPMENT' },
  { id: 2, name: 'Installation', code: 'INSTALLATION' },
  { id: MMR_LINE_ITEM_ID, name: 'MMR', code: 'MMR' },
  { id: 4, name: 'Service', code: 'SERVICE' },
  { id: 5, name: 'Equipment Installment', code: 'EQUIPMENT_INSTALLMENT' },
  { id: 6, name: 'One-time Charge', code: 'ONE_TIME' },
];
