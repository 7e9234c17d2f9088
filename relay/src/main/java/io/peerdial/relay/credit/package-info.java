/**
 * Credit from receipts (docs/INCENTIVES.md): the pure balance arithmetic
 * ({@link io.peerdial.relay.credit.CreditLedger}) and where the evidence lives in the DHT
 * ({@link io.peerdial.relay.credit.ReceiptDirectory}, on the DHT map API). Sans-IO.
 */
package io.peerdial.relay.credit;
