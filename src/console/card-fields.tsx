import { FieldError, TestCardsHint, invalidAttrs } from './components.tsx';

type Errors = Record<string, string>;

/** Number, expiry, CVV and holder inputs for a new card (names match `newCardOf`); `id` keeps ids unique per page. */
export function CardFields({
  id,
  holder,
  errors = {},
  withHolder = true,
}: {
  id: string;
  holder?: string;
  errors?: Errors;
  withHolder?: boolean;
}) {
  const err = (name: string) => `${id}-${name}-error`;
  return (
    <div>
      <label class="block">
        Card number{' '}
        <input
          type="text"
          name="number"
          id={`${id}-number`}
          inputmode="numeric"
          autocomplete="cc-number"
          placeholder="4242 4242 4242 4242"
          {...invalidAttrs(err('number'), errors.number)}
        />
      </label>
      <FieldError id={err('number')} text={errors.number} />
      <label>
        Expiry month{' '}
        <input
          type="text"
          name="expMonth"
          inputmode="numeric"
          maxlength={2}
          placeholder="MM"
          autocomplete="cc-exp-month"
          style="width:5em"
          {...invalidAttrs(err('expMonth'), errors.expMonth)}
        />
      </label>
      <label>
        Expiry year{' '}
        <input
          type="text"
          name="expYear"
          inputmode="numeric"
          maxlength={4}
          placeholder="YYYY"
          autocomplete="cc-exp-year"
          style="width:6em"
          {...invalidAttrs(err('expYear'), errors.expYear)}
        />
      </label>
      <FieldError id={err('expMonth')} text={errors.expMonth} />
      <FieldError id={err('expYear')} text={errors.expYear} />
      <label>
        CVV{' '}
        <input
          type="password"
          name="cvv"
          autocomplete="off"
          maxlength={4}
          inputmode="numeric"
          style="width:5em"
          {...invalidAttrs(err('cvv'), errors.cvv)}
        />
      </label>
      <FieldError id={err('cvv')} text={errors.cvv} />
      {withHolder ? <HolderField id={id} label="Cardholder name" holder={holder} error={errors.holderName} /> : null}
      <TestCardsHint />
    </div>
  );
}

/** Routing and account number, type, bank and holder for a bank account (names match `newBankAccountOf`). */
export function BankFields({
  id,
  holder,
  errors = {},
  withHolder = true,
}: {
  id: string;
  holder?: string;
  errors?: Errors;
  withHolder?: boolean;
}) {
  const err = (name: string) => `${id}-${name}-error`;
  return (
    <div>
      <label class="block">
        Routing number{' '}
        <input
          type="text"
          name="routingNumber"
          inputmode="numeric"
          maxlength={9}
          placeholder="9 digits"
          {...invalidAttrs(err('routingNumber'), errors.routingNumber)}
        />
      </label>
      <FieldError id={err('routingNumber')} text={errors.routingNumber} />
      <label class="block">
        Account number{' '}
        <input
          type="text"
          name="accountNumber"
          inputmode="numeric"
          maxlength={17}
          {...invalidAttrs(err('accountNumber'), errors.accountNumber)}
        />
      </label>
      <FieldError id={err('accountNumber')} text={errors.accountNumber} />
      <fieldset>
        <legend>Account type</legend>
        <label>
          <input type="radio" name="accountType" value="checking" checked /> Checking
        </label>
        <label>
          <input type="radio" name="accountType" value="savings" /> Savings
        </label>
      </fieldset>
      <label class="block">
        Bank name <span class="muted small">(optional)</span>{' '}
        <input type="text" name="bankName" {...invalidAttrs(err('bankName'), errors.bankName)} />
      </label>
      <FieldError id={err('bankName')} text={errors.bankName} />
      {withHolder ? <HolderField id={id} label="Account holder" holder={holder} error={errors.holderName} /> : null}
      <p class="muted small">
        Test accounts: routing <code>110000000</code>, account <code>000123456789</code> succeeds,{' '}
        <code>000111111116</code> is returned.
      </p>
    </div>
  );
}

/** The holder's name (one per form: a form offering both a card and a bank account shows it once). */
export function HolderField({
  id,
  label,
  holder,
  error,
}: {
  id: string;
  label: string;
  holder?: string;
  error?: string;
}) {
  const errId = `${id}-holderName-error`;
  return (
    <div>
      <label class="block">
        {label}{' '}
        <input type="text" name="holderName" value={holder ?? ''} autocomplete="name" {...invalidAttrs(errId, error)} />
      </label>
      <FieldError id={errId} text={error} />
    </div>
  );
}
