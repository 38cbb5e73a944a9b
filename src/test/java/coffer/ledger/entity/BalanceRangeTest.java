package coffer.ledger.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
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

    @Test
    void aSequenceIsAdmittedFromTheBalancesThatCoverItsDeepestDipAndHighestPeak() {
        assertThat(BalanceRange.admitting(-5, 3, -4))
                .isEqualTo(new BalanceRange(6, Long.MAX_VALUE));
        assertThat(BalanceRange.admitting(4, -10, 7))
                .isEqualTo(new BalanceRange(6, Long.MAX_VALUE - 4));
        assertThat(BalanceRange.admitting()).isEqualTo(new BalanceRange(0, Long.MAX_VALUE));
    }

    /** Against the rule applied one change at a time, from every balance near the edges. */
    @Test
    void admitsASequenceExactlyWhenEachOfItsChangesWouldBeAdmittedInTurn() {
        Random random = new Random(20261201);
        for (int run = 0; run < 2_000; run++) {
            long[] amounts =
                    LongStream.generate(() -> random.nextInt(21) - 10)
                            .filter(amount -> amount != 0)
                            .limit(1 + random.nextInt(8))
                            .toArray();
            BalanceRange range = BalanceRange.admitting(amounts);
            for (long balance = 0; balance < 60; balance++) {
                assertThat(range.lowest() <= balance)
                        .as("%s from %d", amounts, balance)
                        .isEqualTo(eachAdmittedInTurn(balance, amounts));
            }
            long nearTop = Long.MAX_VALUE - random.nextInt(60);
            assertThat(range.highest() >= nearTop)
                    .as("%s from %d", amounts, nearTop)
                    .isEqualTo(eachAdmittedInTurn(nearTop, amounts));
        }
    }

    @Test
    void aBalanceIsAdmittedFromTheLowestToTheHighestBothIncluded() {
        BalanceRange range = new BalanceRange(2, 10);

        assertThat(range.admits(1)).isFalse();
        assertThat(range.admits(2)).isTrue();
        assertThat(range.admits(10)).isTrue();
        assertThat(range.admits(11)).isFalse();
    }

    private static boolean eachAdmittedInTurn(long balance, long... amounts) {
        long current = balance;
        for (long amount : amounts) {
            if (!BalanceRange.admitting(amount).admits(current)) {
                return false;
            }
            current += amount;
        }
        return true;
    }
}
