package coffer.merch.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ItemTest {

    @Test
    void theCatalogIsTheShopsWithItsPrices() {
        assertThat(Arrays.stream(Item.values()).collect(Collectors.toMap(Item::slug, Item::price)))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "t-shirt",
                                80L,
                                "cup",
                                20L,
                                "book",
                                50L,
                                "pen",
                                10L,
                                "powerbank",
                                200L,
                                "hoody",
                                300L,
                                "umbrella",
                                200L,
                                "socks",
                                10L,
                                "wallet",
                                50L,
                                "pink-hoody",
                                500L));
    }

    @Test
    void anItemIsNamedExactlyAsTheCatalogSpellsIt() {
        assertThat(Item.of("pink-hoody")).contains(Item.PINK_HOODY);
        assertThat(Item.of("PINK-HOODY")).isEmpty();
        assertThat(Item.of("PINK_HOODY")).isEmpty();
        assertThat(Item.of("pen ")).isEmpty();
    }
}
