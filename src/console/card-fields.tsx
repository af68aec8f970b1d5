import { TestCardsHint } from './components.tsx';

/** Number, expiry, CVV and holder inputs for a new card (names match `newCardOf`). */
export function CardFields({ holder }: { holder?: string }) {
  return (
    <div>
      <label class="block">
        Card number <input type="text" name="number" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" />
      </label>
      <label>
        Expiry month <input type="number" name="expMonth" min="1" max="12" placeholder="MM" style="width:5em" />
      </label>
      <label>
        Expiry year <input type="number" name="expYear" min="2000" max="2999" placeholder="YYYY" style="width:6em" />
      </label>
      <label>
        CVV <input type="password" name="cvv" autocomplete="off" maxlength={4} style="width:5em" />
      </label>
      <label class="block">
        Cardholder name <input type="text" name="holderName" value={holder ?? ''} autocomplete="cc-name" />
      </label>
      <TestCardsHint />
    </div>
  );
}
