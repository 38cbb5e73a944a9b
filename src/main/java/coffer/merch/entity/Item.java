package coffer.merch.entity;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The shop's fixed catalog, in coins; stock is unlimited. */
public enum Item {
    T_SHIRT("t-shirt", 80),
    CUP("cup", 20),
    BOOK("book", 50),
    PEN("pen", 10),
    POWERBANK("powerbank", 200),
    HOODY("hoody", 300),
    UMBRELLA("umbrella", 200),
    SOCKS("socks", 10),
    WALLET("wallet", 50),
    PINK_HOODY("pink-hoody", 500);

    private final String slug;
    private final long price;

    Item(String slug, long price) {
        this.slug = slug;
        this.price = price;
    }

    /** The item a path names, exactly as the catalog spells it. */
    public static Optional<Item> of(String slug) {
        return Arrays.stream(values()).filter(item -> item.slug.equals(slug)).findFirst();
    }

    public static String catalog() {
        return Arrays.stream(values()).map(Item::slug).collect(Collectors.joining(", "));
    }

    public String slug() {
        return slug;
    }

    public long price() {
        return price;
    }
}
