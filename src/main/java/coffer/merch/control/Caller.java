package coffer.merch.control;

import java.security.Principal;

/** The employee a verified token speaks for: the only identity the coin routes act as. */
public record Caller(long userId, String username) implements Principal {

    @Override
    public String getName() {
        return username;
    }
}
