package coffer.merch.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The answer of {@code GET /api/info}: coins, what was bought, and the grouped history. */
@JsonbPropertyOrder({"coins", "inventory", "coinHistory"})
public record Info(long coins, List<Holding> inventory, CoinHistory coinHistory) {

    /** How many of one item the employee has. */
    @JsonbPropertyOrder({"type", "quantity"})
    public record Holding(String type, long quantity) {}

    /** Coins received and sent, each summed per counterpart. */
    @JsonbPropertyOrder({"received", "sent"})
    public record CoinHistory(List<Received> received, List<Sent> sent) {}

    @JsonbPropertyOrder({"fromUser", "amount"})
    public record Received(String fromUser, long amount) {}

    @JsonbPropertyOrder({"toUser", "amount"})
    public record Sent(String toUser, long amount) {}
}
