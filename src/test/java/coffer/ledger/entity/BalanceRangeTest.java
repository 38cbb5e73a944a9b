package coffer.ledger.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BalanceRangeTest {

    @Test
    void debitNeedsAtLeastItsAmount() {
        assertThat(BalanceRange.admitting(-2)).isEqualTo(new BalanceRange(2, Long.MAX_VALUE));
    }

    @Test
    void creditNeedsRoomBelowTheLargestBalance() {
        assertThat(BalanceRange.admitting(10)).isEqualTo(new BalanceRange(0, Long.MAX_VALUE - 10));
    }

    @Test
    void largestDebitAndCreditStayInRange() {
        long max = 1_000_000_000_000L;

        assertThat(BalanceRange.admitting(-max).lowest()).isEqualTo(max);
        assertThat(BalanceRange.admitting(max).highest()).isEqualTo(Long.MAX_VALUE - max);
    }
}
