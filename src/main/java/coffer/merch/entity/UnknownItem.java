package coffer.merch.entity;

import coffer.problems.entity.ProblemException;

/** An item the shop does not sell. */
public class UnknownItem extends ProblemException {

    private static final long serialVersionUID = 1L;

    public UnknownItem(String item) {
        super(
                400,
                "unknown-item",
                "Unknown item",
                "the shop has no item '" + shown(item) + "'; it sells " + Item.catalog());
    }

    private static String shown(String item) {
        return item.length() > 40 ? item.substring(0, 40) + "..." : item;
    }
}
